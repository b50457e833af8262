package dev.newsroom.assistant.article;

import dev.newsroom.assistant.AssistantServiceProperties;
import dev.newsroom.platform.projection.Projection;
import dev.newsroom.platform.projection.Projections;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ArticleConfiguration {

    /** The text of the articles this service knows, by slug: what questions are answered from. */
    @Bean
    Projection<ArticleText> articleTextCopies(Projections projections, AssistantServiceProperties properties) {
        return projections.ofArticles(ArticleText.COLLECTION, ArticleText.class, properties.articleLookup());
    }

    /** Every question resolves its slug here; the index exists before the first question. */
    @Bean
    SmartInitializingSingleton articleTextIndexes(Projection<ArticleText> articleTextCopies) {
        return () -> articleTextCopies.createKeyIndex().block();
    }
}
