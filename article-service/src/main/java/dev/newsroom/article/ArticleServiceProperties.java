package dev.newsroom.article;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * article-service's own settings ({@code newsroom.articles.*}).
 *
 * @param viewKeySalt the secret that makes viewer keys unlinkable to people; every instance needs the
 *     same one, or one reader counts as several
 * @param viewQueueCapacity how many views may wait for Kafka before further ones are dropped
 */
@ConfigurationProperties("newsroom.articles")
public record ArticleServiceProperties(
        @DefaultValue("change-me-in-production") String viewKeySalt,
        @DefaultValue("10000") int viewQueueCapacity) {}
