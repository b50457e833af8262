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
        List<OutboxEvent> outbox) {

    public static final String COLLECTION = "comments";

    public Comment {
        outbox = outbox == null ? List.of() : List.copyOf(outbox);
    }
}
