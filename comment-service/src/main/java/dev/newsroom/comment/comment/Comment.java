package dev.newsroom.comment.comment;

import dev.newsroom.platform.outbox.OutboxEvent;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A comment under an article. A deleted comment keeps its document, without its body: while its
 * {@code deleted} event waits in the {@code outbox}, and afterwards as the placeholder that keeps a
 * thread's shape when replies hang below it (see {@link Threads.Placeholders}).
 *
 * @param id unique across the service and all its instances (see {@link CommentIds})
 * @param articleId the article's immutable id, not its slug
 * @param authorId the author's immutable user id, not the username
 * @param parentId the comment this one replies to, or null at the top level
 * @param depth 0 at the top level, the parent's depth + 1 for a reply
 * @param path the thread-order sort key (see {@link Threads})
 * @param editedAt when the author last changed the body, or null if never
 * @param deletedBy who deleted it: its author, the article's author or a moderator
 * @param status where it stands with moderation (absent in comments stored before moderation
 *     existed, which were all published)
 * @param moderationReasons why a check held it, or empty
 * @param moderatedBy the moderator who approved or rejected it last, or null
 * @param moderatedAt when its status last changed after posting, or null
 * @param fingerprint its body's {@link ModerationChecks#fingerprint}, for the repeat check
 */
@Document(Comment.COLLECTION)
public record Comment(
        @Id Long id,
        String articleId,
        String authorId,
        Long parentId,
        int depth,
        String path,
        String body,
        Instant createdAt,
        Instant updatedAt,
        Instant editedAt,
        boolean deleted,
        Instant deletedAt,
        String deletedBy,
        CommentStatus status,
        List<String> moderationReasons,
        String moderatedBy,
        Instant moderatedAt,
        String fingerprint,
        List<OutboxEvent> outbox) {

    public static final String COLLECTION = "comments";

    public Comment {
        outbox = outbox == null ? List.of() : List.copyOf(outbox);
        status = status == null ? CommentStatus.PUBLISHED : status;
        moderationReasons = moderationReasons == null ? List.of() : List.copyOf(moderationReasons);
    }

    /** Shown to everyone and counted: published and not deleted. */
    public boolean isPublic() {
        return !deleted && status == CommentStatus.PUBLISHED;
    }

    /** Whether {@code viewer} (null: anonymous) may read it: everyone a public one, author and moderators the rest. */
    public boolean visibleTo(String viewerId, boolean moderator) {
        return status == CommentStatus.PUBLISHED || moderator || (viewerId != null && viewerId.equals(authorId));
    }

    /**
     * How a comment the viewer may not read is listed when replies hang below it: like a deleted one,
     * so the thread keeps its shape and nothing of it shows.
     */
    public Comment asPlaceholder() {
        return new Comment(
                id,
                articleId,
                null,
                parentId,
                depth,
                path,
                null,
                createdAt,
                updatedAt,
                null,
                true,
                deletedAt,
                null,
                CommentStatus.PUBLISHED,
                List.of(),
                null,
                null,
                null,
                List.of());
    }
}
