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
 * <p>Nineteen components are too many to pass by position without mixing two of them up: code
 * builds a comment with {@link #builder()} or changes one with {@link #toBuilder()}, and only
 * {@link Builder#build()} (and the store's mapping) calls the canonical constructor.
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

    /** An empty builder: every component null, false or 0 until set (a published comment by default). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding every component of this comment, to change a few of them. */
    public Builder toBuilder() {
        return new Builder()
                .id(id)
                .articleId(articleId)
                .authorId(authorId)
                .parentId(parentId)
                .depth(depth)
                .path(path)
                .body(body)
                .createdAt(createdAt)
                .updatedAt(updatedAt)
                .editedAt(editedAt)
                .deleted(deleted)
                .deletedAt(deletedAt)
                .deletedBy(deletedBy)
                .status(status)
                .moderationReasons(moderationReasons)
                .moderatedBy(moderatedBy)
                .moderatedAt(moderatedAt)
                .fingerprint(fingerprint)
                .outbox(outbox);
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
        return builder()
                .id(id)
                .articleId(articleId)
                .parentId(parentId)
                .depth(depth)
                .path(path)
                .createdAt(createdAt)
                .updatedAt(updatedAt)
                .deleted(true)
                .deletedAt(deletedAt)
                .status(CommentStatus.PUBLISHED)
                .build();
    }

    /** Builds a {@link Comment} component by component, by name. */
    public static final class Builder {

        private Long id;
        private String articleId;
        private String authorId;
        private Long parentId;
        private int depth;
        private String path;
        private String body;
        private Instant createdAt;
        private Instant updatedAt;
        private Instant editedAt;
        private boolean deleted;
        private Instant deletedAt;
        private String deletedBy;
        private CommentStatus status;
        private List<String> moderationReasons;
        private String moderatedBy;
        private Instant moderatedAt;
        private String fingerprint;
        private List<OutboxEvent> outbox;

        private Builder() {}

        public Builder id(Long id) {
            this.id = id;
            return this;
        }

        public Builder articleId(String articleId) {
            this.articleId = articleId;
            return this;
        }

        public Builder authorId(String authorId) {
            this.authorId = authorId;
            return this;
        }

        public Builder parentId(Long parentId) {
            this.parentId = parentId;
            return this;
        }

        public Builder depth(int depth) {
            this.depth = depth;
            return this;
        }

        public Builder path(String path) {
            this.path = path;
            return this;
        }

        public Builder body(String body) {
            this.body = body;
            return this;
        }

        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        public Builder updatedAt(Instant updatedAt) {
            this.updatedAt = updatedAt;
            return this;
        }

        public Builder editedAt(Instant editedAt) {
            this.editedAt = editedAt;
            return this;
        }

        public Builder deleted(boolean deleted) {
            this.deleted = deleted;
            return this;
        }

        public Builder deletedAt(Instant deletedAt) {
            this.deletedAt = deletedAt;
            return this;
        }

        public Builder deletedBy(String deletedBy) {
            this.deletedBy = deletedBy;
            return this;
        }

        public Builder status(CommentStatus status) {
            this.status = status;
            return this;
        }

        public Builder moderationReasons(List<String> moderationReasons) {
            this.moderationReasons = moderationReasons;
            return this;
        }

        public Builder moderatedBy(String moderatedBy) {
            this.moderatedBy = moderatedBy;
            return this;
        }

        public Builder moderatedAt(Instant moderatedAt) {
            this.moderatedAt = moderatedAt;
            return this;
        }

        public Builder fingerprint(String fingerprint) {
            this.fingerprint = fingerprint;
            return this;
        }

        public Builder outbox(List<OutboxEvent> outbox) {
            this.outbox = outbox;
            return this;
        }

        public Comment build() {
            return new Comment(
                    id,
                    articleId,
                    authorId,
                    parentId,
                    depth,
                    path,
                    body,
                    createdAt,
                    updatedAt,
                    editedAt,
                    deleted,
                    deletedAt,
                    deletedBy,
                    status,
                    moderationReasons,
                    moderatedBy,
                    moderatedAt,
                    fingerprint,
                    outbox);
        }
    }
}
