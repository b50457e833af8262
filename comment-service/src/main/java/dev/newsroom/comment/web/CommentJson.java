package dev.newsroom.comment.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.newsroom.comment.comment.Comment;
import dev.newsroom.comment.comment.CommentStatus;
import dev.newsroom.platform.authors.AuthorProfile;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of the comment endpoints. A comment carries RealWorld's {@code author} profile as
 * the viewer sees it, from the service's copy of {@code newsroom.users.v1} (so no answer needs
 * user-service); a placeholder has {@code "author": null}.
 */
final class CommentJson {

    /** ISO-8601 in UTC, always with milliseconds, as RealWorld clients expect. */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private CommentJson() {}

    /** {@code {"comment": {"body": "…"}}}, for an edit. */
    record CommentEditEnvelope(CommentEdit comment) {}

    record CommentEdit(String body) {}

    record CommentEnvelope(CommentBody comment) {
        static CommentEnvelope of(Comment comment, AuthorProfile author) {
            return new CommentEnvelope(CommentBody.of(comment, author, null));
        }
    }

    /** The ids of the authors of {@code comments} (placeholders have none to show), to look their profiles up at once. */
    static List<String> authorIds(Collection<Comment> comments) {
        return comments.stream()
                .filter(comment -> !comment.deleted())
                .map(Comment::authorId)
                .distinct()
                .toList();
    }

    /** RealWorld's full list. */
    record CommentsEnvelope(List<CommentBody> comments) {}

    /** One page of the list; {@code nextCursor} is null on the last page, and always present. */
    record CommentsPage(List<CommentBody> comments, String nextCursor) {}

    /**
     * A comment as RealWorld shows it, plus its place in the thread ({@code parentId}, null at the top
     * level, and {@code depth}), {@code editedAt} once edited, and its moderation {@code status}
     * ({@code published}, {@code held} or {@code rejected}; the latter two, with the checks' {@code
     * moderation.reasons}, reach only the author and moderators). A deleted comment that is still
     * listed is a placeholder: {@code "deleted": true}, {@code body} and {@code author} null.
     */
    record CommentBody(
            long id,
            String createdAt,
            String updatedAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) String editedAt,
            String body,
            AuthorProfile author,
            Long parentId,
            int depth,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean deleted,
            String status,
            @JsonInclude(JsonInclude.Include.NON_NULL) ModerationNote moderation,
            @JsonInclude(JsonInclude.Include.NON_NULL) ArticleRef article) {

        /** {@code comment} with its author's profile from {@code authors} (by author id). */
        static CommentBody of(Comment comment, Map<String, AuthorProfile> authors) {
            return of(comment, authors.getOrDefault(comment.authorId(), AuthorProfile.UNKNOWN), null);
        }

        /** {@code comment} by {@code author} (not shown on a placeholder), under {@code article} (may be null). */
        static CommentBody of(Comment comment, AuthorProfile author, ArticleRef article) {
            if (comment.deleted()) {
                return new CommentBody(
                        comment.id(),
                        timestamp(comment.createdAt()),
                        timestamp(comment.updatedAt()),
                        null,
                        null,
                        null,
                        comment.parentId(),
                        comment.depth(),
                        true,
                        CommentStatus.PUBLISHED.label(),
                        null,
                        article);
            }
            return new CommentBody(
                    comment.id(),
                    timestamp(comment.createdAt()),
                    timestamp(comment.updatedAt()),
                    comment.editedAt() == null ? null : timestamp(comment.editedAt()),
                    comment.body(),
                    author == null ? AuthorProfile.UNKNOWN : author,
                    comment.parentId(),
                    comment.depth(),
                    null,
                    comment.status().label(),
                    comment.status() == CommentStatus.PUBLISHED
                            ? null
                            : new ModerationNote(comment.moderationReasons()),
                    article);
        }
    }

    /** Why the checks held a comment (empty when a moderator rejected it without a check's reason). */
    record ModerationNote(List<String> reasons) {}

    /** The article a held comment is under, for the moderators' queue. */
    record ArticleRef(String slug, String title) {}

    /** One page of the moderators' queue. */
    record HeldPageBody(List<CommentBody> comments, String nextCursor) {}

    /** {@code {"articleIds": ["…", …]}}. */
    record CountsRequest(List<String> articleIds) {}

    /** {@code {"counts": {"<articleId>": n, …}}}, in the order asked. */
    record CountsEnvelope(Map<String, Long> counts) {}

    private static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }
}
