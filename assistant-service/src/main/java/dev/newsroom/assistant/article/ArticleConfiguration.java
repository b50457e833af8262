package dev.newsroom.assistant.article;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;

@Configuration(proxyBeanMethods = false)
class ArticleConfiguration {

    /** Every question resolves its slug here; the index exists before the first question. */
    @Bean
    SmartInitializingSingleton articleTextIndexes(ReactiveMongoTemplate mongo) {
        return () -> mongo.indexOps(ArticleText.class)
                .createIndex(new Index("slug", Sort.Direction.ASC).named("slug"))
                .block();
    }
}
