package dev.newsroom.article;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * article-service's own settings ({@code newsroom.articles.*}).
 *
 * @param viewKeySalt the secret that makes viewer keys unlinkable to people; every instance needs the
 *     same one, or one reader counts as several
 * @param viewQueueCapacity how many views may wait for Kafka before further ones are dropped
 * @param publishingPolicy {@code open}: any signed-in user's new story is published at once (every
 *     Conduit client keeps working); {@code review}: a story from a user without the editor role
 *     starts as a draft, and only editors publish
 * @param scheduleCheckInterval how often each instance looks for scheduled stories whose time has
 *     come (a due story goes live at most this much late, plus the write)
 * @param alertLifetime how long a breaking-news alert shows when its label sets no expiry of its own
 */
@ConfigurationProperties("newsroom.articles")
public record ArticleServiceProperties(
        @DefaultValue("change-me-in-production") String viewKeySalt,
        @DefaultValue("10000") int viewQueueCapacity,
        @DefaultValue("open") PublishingPolicy publishingPolicy,
        @DefaultValue("250ms") Duration scheduleCheckInterval,
        @DefaultValue("2h") Duration alertLifetime) {

    /** Who may publish: see {@link ArticleServiceProperties#publishingPolicy()}. */
    public enum PublishingPolicy {
        OPEN,
        REVIEW
    }
}
