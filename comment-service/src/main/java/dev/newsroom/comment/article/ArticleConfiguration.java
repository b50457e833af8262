package dev.newsroom.comment.article;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;

@Configuration(proxyBeanMethods = false)
class ArticleConfiguration {

    /** Every comment request resolves its slug here; the index exists before the first request. */
    @Bean
    SmartInitializingSingleton articleIndexes(ReactiveMongoTemplate mongo) {
        return () -> mongo.indexOps(Article.class)
                .createIndex(new Index("slug", Sort.Direction.ASC).named("slug"))
                .block();
    }
}
