package dev.newsroom.comment;

import dev.newsroom.platform.projection.ProjectionLookup;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * comment-service's own settings ({@code newsroom.comments.*} in application.yml).
 *
 * @param maxBodyLength the longest comment body accepted, in characters (code points)
 * @param idBlockSize how many comment ids an instance reserves from the shared sequence at once:
 *     larger blocks mean fewer sequence writes, and more ids skipped when an instance stops
 * @param articleLookup how requests wait for an article the projection has not seen yet
 * @param articleCache how long a listing may reuse a live article it looked up (see {@link
 *     ArticleCache})
 * @param editWindow how long after posting its author may still change a comment
 * @param maxDepth how deep replies nest: a top-level comment has depth 0, a reply its parent's + 1
 * @param perMinute how many comments one user may post per minute, counted by every instance
 *     together
 * @param moderation the checks every new or edited comment passes through
 * @param stream the live comment streams
 */
@ConfigurationProperties("newsroom.comments")
public record CommentServiceProperties(
        @DefaultValue("5000") int maxBodyLength,
        @DefaultValue("50") int idBlockSize,
        @DefaultValue ProjectionLookup articleLookup,
        @DefaultValue ArticleCache articleCache,
        @DefaultValue("15m") Duration editWindow,
        @DefaultValue("3") int maxDepth,
        @DefaultValue("10") int perMinute,
        @DefaultValue Moderation moderation,
        @DefaultValue LiveStreams stream) {

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
     * Listings (and live streams) resolve their slug from memory for a moment after the store said
     * the article is live: every page view of a story would otherwise read the same projection record
     * again. The instance that applies an article's event forgets at once; another instance of the
     * service may list a deleted or renamed article's slug for up to {@code ttl} more, on top of the
     * projection's own lag. Posting, editing and deleting always read the store.
     *
     * @param ttl how long a looked-up live article is reused ({@code 0}: never)
     * @param maxSize how many slugs are kept at most
     */
    public record ArticleCache(
            @DefaultValue("1s") Duration ttl,
            @DefaultValue("10000") int maxSize) {

        public ArticleCache {
            if (ttl.isNegative()) {
                throw new IllegalArgumentException("newsroom.comments.article-cache.ttl must not be negative");
            }
            if (maxSize < 1) {
                throw new IllegalArgumentException("newsroom.comments.article-cache.max-size must be at least 1");
            }
        }
    }

    /**
     * @param keepAlive how often an idle live stream gets a comment line, so proxies keep it open
     *     (not more than the shortest idle timeout on the way to the browser)
     */
    public record LiveStreams(@DefaultValue("15s") Duration keepAlive) {

        public LiveStreams {
            if (keepAlive.isZero() || keepAlive.isNegative()) {
                throw new IllegalArgumentException("newsroom.comments.stream.keep-alive must be positive");
            }
        }
    }

    /**
     * The checks a comment passes before it is published. Each check has an {@code action}: {@code
     * hold} keeps the comment for a moderator to approve or reject (only its author and moderators see
     * it meanwhile), {@code refuse} answers 422 saying why and stores nothing.
     *
     * @param longComments comments longer than {@code above} characters (below the hard {@code
     *     max-body-length}, which is always refused)
     * @param links comments with more than {@code above} links
     * @param bannedWords comments containing any of {@code words} (whole words, any case)
     * @param repeats the same text (ignoring case, spacing and punctuation) posted again by the same
     *     author within {@code within}
     */
    public record Moderation(
            @DefaultValue LongComments longComments,
            @DefaultValue Links links,
            @DefaultValue WordList bannedWords,
            @DefaultValue Repeats repeats) {}

    /** What a check does with a comment that fails it. */
    public enum Action {
        HOLD,
        REFUSE
    }

    public record LongComments(
            @DefaultValue("2000") int above,
            @DefaultValue("hold") Action action) {

        public LongComments {
            if (above < 1) {
                throw new IllegalArgumentException(
                        "newsroom.comments.moderation.long-comments.above must be at least 1");
            }
        }
    }

    public record Links(
            @DefaultValue("2") int above,
            @DefaultValue("hold") Action action) {

        public Links {
            if (above < 0) {
                throw new IllegalArgumentException("newsroom.comments.moderation.links.above must not be negative");
            }
        }
    }

    public record WordList(
            @DefaultValue List<String> words,
            @DefaultValue("refuse") Action action) {

        public WordList {
            words = words == null ? List.of() : List.copyOf(words);
        }
    }

    public record Repeats(
            @DefaultValue("10m") Duration within,
            @DefaultValue("refuse") Action action) {}
}
