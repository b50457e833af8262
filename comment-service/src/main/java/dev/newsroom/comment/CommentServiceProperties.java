package dev.newsroom.comment;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * comment-service's own settings ({@code newsroom.comments.*} in application.yml).
 *
 * @param maxBodyLength the longest comment body accepted, in characters (code points)
 * @param idBlockSize how many comment ids an instance reserves from the shared sequence at once:
 *     larger blocks mean fewer sequence writes, and more ids skipped when an instance stops
 * @param articleLookup how requests wait for an article the projection has not seen yet
 * @param editWindow how long after posting its author may still change a comment
 * @param maxDepth how deep replies nest: a top-level comment has depth 0, a reply its parent's + 1
 * @param perMinute how many comments one user may post per minute, counted by every instance
 *     together
 */
@ConfigurationProperties("newsroom.comments")
public record CommentServiceProperties(
        @DefaultValue("5000") int maxBodyLength,
        @DefaultValue("50") int idBlockSize,
        @DefaultValue ArticleLookup articleLookup,
        @DefaultValue("15m") Duration editWindow,
        @DefaultValue("3") int maxDepth,
        @DefaultValue("10") int perMinute) {

    public CommentServiceProperties {
        if (maxBodyLength < 1) {
            throw new IllegalArgumentException("newsroom.comments.max-body-length must be at least 1");
        }
        if (idBlockSize < 1) {
            throw new IllegalArgumentException("newsroom.comments.id-block-size must be at least 1");
        }
        if (editWindow.isNegative()) {
            throw new IllegalArgumentException("newsroom.comments.edit-window must not be negative");
        }
        if (maxDepth < 0 || maxDepth > 32) {
            throw new IllegalArgumentException("newsroom.comments.max-depth must be from 0 to 32");
        }
        if (perMinute < 1) {
            throw new IllegalArgumentException("newsroom.comments.per-minute must be at least 1");
        }
    }

    /**
     * @param maxWait how long a request waits for an unknown slug to appear before answering 404
     * @param interval how often it looks again meanwhile
     */
    public record ArticleLookup(
            @DefaultValue("2s") Duration maxWait,
            @DefaultValue("100ms") Duration interval) {

        /** How many more times to look after the first miss. */
        public long retries() {
            if (interval.isZero() || interval.isNegative()) {
                return 0;
            }
            return maxWait.toMillis() / interval.toMillis();
        }
    }
}
