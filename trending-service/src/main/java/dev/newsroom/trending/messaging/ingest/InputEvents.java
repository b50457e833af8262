package dev.newsroom.trending.messaging.ingest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * The events this service reads, as its own records with just the fields it uses; the producers
 * own the contracts ({@code contracts/schemas/newsroom.article.*} and {@code newsroom.comment.*}),
 * and fields added to them later are ignored here.
 */
final class InputEvents {

    static final String VIEWS_TOPIC = "newsroom.article-views.v1";
    static final String COMMENTS_TOPIC = "newsroom.comments.v1";
    static final String ARTICLES_TOPIC = "newsroom.articles.v1";

    static final String VIEWED = "newsroom.article.viewed.v1";
    static final String PUBLISHED = "newsroom.article.published.v1";
    static final String UPDATED = "newsroom.article.updated.v1";
    static final String DELETED = "newsroom.article.deleted.v1";
    static final String WITHDRAWN = "newsroom.article.withdrawn.v1";
    static final String FAVORITED = "newsroom.article.favorited.v1";
    static final String UNFAVORITED = "newsroom.article.unfavorited.v1";
    static final String COMMENT_POSTED = "newsroom.comment.posted.v1";
    static final String COMMENT_DELETED = "newsroom.comment.deleted.v1";
    static final String COMMENT_MODERATED = "newsroom.comment.moderated.v1";

    private InputEvents() {}

    /** {@code newsroom.article.viewed.v1}: one read of an article. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ArticleViewed(String articleId, String viewerKey, Instant viewedAt) {}

    /** {@code newsroom.article.published.v1} and {@code .updated.v1}: the article after the change. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ArticleChanged(
            String articleId,
            String slug,
            String title,
            String description,
            List<String> tagList,
            String authorId,
            Instant createdAt,
            Instant updatedAt) {}

    /**
     * {@code newsroom.article.deleted.v1} and {@code .withdrawn.v1} (unpublished by an editor, never
     * published again): either way the article leaves every ranking, so only its id is read.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ArticleRemoved(String articleId) {}

    /** {@code newsroom.article.favorited.v1}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ArticleFavorited(String articleId, String userId, Instant favoritedAt) {}

    /** {@code newsroom.article.unfavorited.v1}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ArticleUnfavorited(String articleId, String userId, Instant unfavoritedAt) {}

    /** {@code newsroom.comment.posted.v1}; a missing {@code status} means published (older producers). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record CommentPosted(String commentId, String articleId, Instant createdAt, String status) {}

    /**
     * {@code newsroom.comment.deleted.v1}; {@code createdAt} and {@code wasPublished} are optional
     * (older producers sent neither).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record CommentDeleted(String commentId, String articleId, Instant createdAt, Boolean wasPublished) {}

    /** {@code newsroom.comment.moderated.v1}: a moderation decision on a comment. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record CommentModerated(
            String commentId, String articleId, String decision, String previousStatus, Instant createdAt) {}
}
