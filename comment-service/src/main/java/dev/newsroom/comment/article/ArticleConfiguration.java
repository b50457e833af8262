package dev.newsroom.comment.article;

import dev.newsroom.comment.CommentServiceProperties;
import dev.newsroom.platform.projection.Projection;
import dev.newsroom.platform.projection.Projections;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ArticleConfiguration {

    /** The articles this service knows, by slug: what comments are posted under. */
    @Bean
    Projection<Article> articleCopies(Projections projections, CommentServiceProperties properties) {
        return projections.ofArticles(Article.COLLECTION, Article.class, properties.articleLookup());
    }

    /** Every comment request resolves its slug here; the index exists before the first request. */
    @Bean
    SmartInitializingSingleton articleIndexes(Projection<Article> articleCopies) {
        return () -> articleCopies.createKeyIndex().block();
    }
}
