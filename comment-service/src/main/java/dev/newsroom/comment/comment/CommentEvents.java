package dev.newsroom.comment.comment;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.newsroom.platform.outbox.OutboxEvent;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.ObjectMapper;

/**
 * The events of {@code newsroom.comments.v1} (key = the article id, so one article's comments stay
 * in order on one partition; subject = the comment id), as published through the outbox of each
 * comment's document. Schemas and examples are in {@code contracts/}.
 *
 * <p>The factory methods build each event from the comment it is about, so the domain services
 * decide what happens and this class alone decides what the event says.
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

    /** {@link CommentPosted} for a comment just built to be inserted (its status as the checks left it). */
    static OutboxEvent posted(Comment comment, ObjectMapper json) {
        return event(
                POSTED,
                comment,
                new CommentPosted(
                        comment.id(),
                        comment.articleId(),
                        comment.authorId(),
                        comment.parentId(),
                        comment.body(),
                        comment.createdAt(),
                        comment.status().label()),
                json);
    }

    /** {@link CommentModerated} {@code held}, for a comment a check held as it was posted. */
    static OutboxEvent heldWhenPosted(Comment comment, ObjectMapper json) {
        return moderated(comment, "held", null, comment.moderationReasons(), null, comment.createdAt(), json);
    }

    /** {@link CommentEdited}: the comment's author changed its body to {@code body} at {@code at}. */
    static OutboxEvent edited(Comment comment, String body, Instant at, ObjectMapper json) {
        return event(
                EDITED,
                comment,
                new CommentEdited(comment.id(), comment.articleId(), comment.authorId(), body, at),
                json);
    }

    /** {@link CommentModerated} {@code held}, for a comment (as read before) that an edit sends back to moderators. */
    static OutboxEvent heldWhenEdited(Comment comment, List<String> reasons, Instant at, ObjectMapper json) {
        return moderated(comment, "held", comment.status(), reasons, null, at, json);
    }

    /** {@link CommentModerated} {@code approved} or {@code rejected}, for a comment as read before the decision. */
    static OutboxEvent decided(
            Comment comment, CommentStatus target, String moderatorId, Instant at, ObjectMapper json) {
        String decision = target == CommentStatus.PUBLISHED ? "approved" : "rejected";
        return moderated(comment, decision, comment.status(), comment.moderationReasons(), moderatorId, at, json);
    }

    /**
     * {@link CommentDeleted}, for a comment as read before its deletion ({@code reason} null unless
     * it goes with its article).
     */
    static OutboxEvent deleted(Comment comment, String deletedBy, String reason, Instant at, ObjectMapper json) {
        return event(
                DELETED,
                comment,
                new CommentDeleted(
                        comment.id(),
                        comment.articleId(),
                        deletedBy,
                        at,
                        reason,
                        comment.createdAt(),
                        comment.status() == CommentStatus.PUBLISHED),
                json);
    }

    private static OutboxEvent moderated(
            Comment comment,
            String decision,
            CommentStatus previous,
            List<String> reasons,
            String moderatorId,
            Instant at,
            ObjectMapper json) {
        return event(
                MODERATED,
                comment,
                new CommentModerated(
                        comment.id(),
                        comment.articleId(),
                        comment.authorId(),
                        decision,
                        previous == null ? null : previous.label(),
                        reasons,
                        moderatorId,
                        comment.createdAt(),
                        at),
                json);
    }

    private static OutboxEvent event(String type, Comment comment, Object data, ObjectMapper json) {
        return OutboxEvent.of(TOPIC, type, comment.articleId(), String.valueOf(comment.id()), data, json);
    }

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
