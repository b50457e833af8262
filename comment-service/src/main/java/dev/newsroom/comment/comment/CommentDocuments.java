package dev.newsroom.comment.comment;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * The stored shape of a comment as the listing reads it, mapped by hand. Listing an article's
 * comments is the service's hottest read, and Spring Data's generic mapping (a converter lookup per
 * property, the record built through reflection, lifecycle events per document) cost more CPU than
 * everything else the request did (JFR, see docs/benchmarks.md); the store is also asked for only
 * the fields a listing shows, not the fingerprint, the moderators' names or the pending events.
 *
 * <p>It reads what {@link CommentRepository} and Spring Data write, and comments stored before
 * threads or moderation existed: a missing {@code depth} is 0, a missing {@code deleted} false, a
 * missing {@code status} published (as {@link Comment}'s constructor says), missing reasons none.
 */
final class CommentDocuments {

    /** What a listing shows or needs to decide what it shows; {@code _id} comes anyway. */
    static final Document LISTED_FIELDS = new Document("articleId", 1)
            .append("authorId", 1)
            .append("parentId", 1)
            .append("depth", 1)
            .append("path", 1)
            .append("body", 1)
            .append("createdAt", 1)
            .append("updatedAt", 1)
            .append("editedAt", 1)
            .append("deleted", 1)
            .append("deletedAt", 1)
            .append("status", 1)
            .append("moderationReasons", 1);

    private CommentDocuments() {}

    /** A comment read with {@link #LISTED_FIELDS}; the fields it was not read with are null or empty. */
    static Comment listed(Document stored) {
        return Comment.builder()
                .id(longOrNull(stored.get("_id")))
                .articleId(stored.getString("articleId"))
                .authorId(stored.getString("authorId"))
                .parentId(longOrNull(stored.get("parentId")))
                .depth(stored.get("depth") instanceof Number depth ? depth.intValue() : 0)
                .path(stored.getString("path"))
                .body(stored.getString("body"))
                .createdAt(instant(stored.get("createdAt")))
                .updatedAt(instant(stored.get("updatedAt")))
                .editedAt(instant(stored.get("editedAt")))
                .deleted(Boolean.TRUE.equals(stored.get("deleted")))
                .deletedAt(instant(stored.get("deletedAt")))
                .status(status(stored.getString("status")))
                .moderationReasons(reasons(stored.get("moderationReasons")))
                .build();
    }

    private static Long longOrNull(Object value) {
        return value instanceof Number number ? number.longValue() : null;
    }

    private static Instant instant(Object value) {
        return value instanceof Date date ? date.toInstant() : null;
    }

    /** As Spring Data stores an enum: its name; absent in comments from before moderation. */
    private static CommentStatus status(String name) {
        return name == null ? null : CommentStatus.valueOf(name);
    }

    private static List<String> reasons(Object value) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            return List.of();
        }
        return list.stream().map(String::valueOf).toList();
    }
}
