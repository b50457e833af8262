package dev.newsroom.comment.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The events of {@code newsroom.comments.v1} (key = the article id, so one article's comments stay
 * in order on one partition; subject = the comment id), as published through the outbox of each
 * comment's document. Schemas and examples are in {@code contracts/}.
 */
public final class CommentEvents {

    public static final String TOPIC = "newsroom.comments.v1";
    public static final String POSTED = "newsroom.comment.posted.v1";
    public static final String EDITED = "newsroom.comment.edited.v1";
    public static final String DELETED = "newsroom.comment.deleted.v1";
    public static final String MODERATED = "newsroom.comment.moderated.v1";

    /** {@code deletedBy} when nobody is known to have asked: the nil UUID, as the schema wants a UUID. */
    public static final String SYSTEM = "00000000-0000-0000-0000-000000000000";
    /** {@code reason} of the deletions that follow an article's deletion. */
    public static final String ARTICLE_DELETED = "article-deleted";

    private CommentEvents() {}

    /**
     * Emitted once when a comment is posted under an article; {@code parentId} only for a reply.
     * {@code status} is {@code published}, or {@code held} when a moderation check held it (a {@link
     * CommentModerated} follows in the same write).
     */
    public record CommentPosted(
            long commentId,
            String articleId,
            String authorId,
            @JsonInclude(JsonInclude.Include.NON_NULL) Long parentId,
            String body,
            Instant createdAt,
            String status) {}

    /** Emitted each time a comment's author changes its body, within the edit window. */
    public record CommentEdited(long commentId, String articleId, String authorId, String body, Instant editedAt) {}

    /**
     * Emitted once when a comment is deleted, by its author, the article's author or a moderator
     * ({@code deletedBy}), or because its article was deleted ({@code reason} {@value
     * #ARTICLE_DELETED}); consumers stop showing and counting it.
     */
    public record CommentDeleted(
            long commentId,
            String articleId,
            String deletedBy,
            Instant deletedAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) String reason,
            Instant createdAt,
            boolean wasPublished) {}

    /**
     * Emitted when a comment's moderation status changes: {@code held} by a check when it is posted
     * ({@code previousStatus} null) or edited, {@code approved} (now published) or {@code rejected}
     * by a moderator ({@code moderatorId}). {@code createdAt} is the comment's posting time, so a
     * consumer counting visible comments per time bucket knows which bucket changes.
     */
    public record CommentModerated(
            long commentId,
            String articleId,
            String authorId,
            String decision,
            String previousStatus,
            List<String> reasons,
            String moderatorId,
            Instant createdAt,
            Instant moderatedAt) {}
}
