package dev.newsroom.comment.web;

import dev.newsroom.comment.comment.Comment;
import dev.newsroom.comment.comment.CommentDeletion;
import dev.newsroom.comment.comment.CommentEditing;
import dev.newsroom.comment.comment.CommentListing;
import dev.newsroom.comment.comment.CommentPosting;
import dev.newsroom.comment.comment.CommentRules;
import dev.newsroom.comment.comment.Threads;
import dev.newsroom.comment.web.CommentJson.CommentBody;
import dev.newsroom.comment.web.CommentJson.CommentEditEnvelope;
import dev.newsroom.comment.web.CommentJson.CommentEnvelope;
import dev.newsroom.comment.web.CommentJson.CommentsEnvelope;
import dev.newsroom.comment.web.CommentJson.CommentsPage;
import dev.newsroom.platform.authors.AuthorProfiles;
import dev.newsroom.platform.security.CurrentUser;
import dev.newsroom.platform.web.ApiException;
import dev.newsroom.platform.web.RequestFields;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * RealWorld's comment endpoints, plus editing, replies and paging. The gateway forwards {@code
 * /api/articles/{slug}/comments/**} here; the slug is resolved through this service's projection of
 * live articles.
 *
 * <p>{@code GET …/comments} without {@code limit} or {@code after} is RealWorld's full, flat list,
 * in thread order (each reply right after its parent, siblings oldest first). With either, it is
 * one page of that same order, {@code {"comments": […], "nextCursor": "…" | null}}: pass {@code
 * nextCursor} back as {@code after} for the next page.
 */
@RestController
class CommentsController {

    private final CommentListing listing;
    private final CommentPosting posting;
    private final CommentEditing editing;
    private final CommentDeletion deletion;
    private final AuthorProfiles authors;

    CommentsController(
            CommentListing listing,
            CommentPosting posting,
            CommentEditing editing,
            CommentDeletion deletion,
            AuthorProfiles authors) {
        this.listing = listing;
        this.posting = posting;
        this.editing = editing;
        this.deletion = deletion;
        this.authors = authors;
    }

    @GetMapping("/api/articles/{slug}/comments")
    Mono<?> list(
            @PathVariable String slug,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String after,
            @AuthenticationPrincipal Jwt token) {
        CurrentUser viewer = token == null ? null : CurrentUser.of(token);
        if (limit == null && after == null) {
            return listing.list(slug, viewer)
                    .collectList()
                    .flatMap(comments -> withAuthors(comments, viewer))
                    .map(CommentsEnvelope::new);
        }
        OptionalInt size =
                limit == null ? OptionalInt.of(CommentRules.DEFAULT_PAGE_SIZE) : CommentRules.parseLimit(limit);
        // An unknown article is 404 before its paging parameters are judged (422).
        if (size.isEmpty()) {
            return listing.article(slug)
                    .then(Mono.error(ApiException.invalid(
                            "limit", "must be a whole number from 1 to " + CommentRules.MAX_PAGE_SIZE)));
        }
        Optional<String> afterPath = after == null ? Optional.empty() : Threads.pathOf(after);
        if (after != null && afterPath.isEmpty()) {
            return listing.article(slug).then(Mono.error(ApiException.invalid("after", "is invalid")));
        }
        return listing.page(slug, size.getAsInt(), afterPath.orElse(null), viewer)
                .flatMap(page -> withAuthors(page.comments(), viewer)
                        .map(comments -> new CommentsPage(comments, page.nextCursor())));
    }

    /** {@code comments} with their authors' profiles as {@code viewer} sees them, looked up at once. */
    private Mono<List<CommentBody>> withAuthors(List<Comment> comments, CurrentUser viewer) {
        return authors.asSeenBy(CommentJson.authorIds(comments), viewer == null ? null : viewer.id())
                .map(profiles -> comments.stream()
                        .map(comment -> CommentBody.of(comment, profiles))
                        .toList());
    }

    /** The answer to a write: a writer who has just registered is waited for, bounded ({@link AuthorProfiles#afterWrite}). */
    private Mono<CommentEnvelope> written(Comment comment, CurrentUser writer) {
        return authors.afterWrite(comment.authorId(), writer).map(author -> CommentEnvelope.of(comment, author));
    }

    @PostMapping("/api/articles/{slug}/comments")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<CommentEnvelope> post(
            @PathVariable String slug,
            @AuthenticationPrincipal Jwt token,
            @RequestBody(required = false) JsonNode request) {
        CurrentUser writer = CurrentUser.of(token);
        return posting.post(slug, writer.id(), () -> newComment(request)).flatMap(comment -> written(comment, writer));
    }

    /**
     * {@code {"comment": {"body": "…", "parentId": 12}}}: the body by RealWorld's rule for a required
     * string, {@code parentId} (Newsroom's, for a reply) absent, null or a whole number.
     */
    private static CommentPosting.NewComment newComment(JsonNode request) {
        RequestFields comment = RequestFields.of(request, "comment");
        String body = comment.required("body");
        JsonNode parent = comment.value("parentId");
        Long parentId = null;
        if (parent != null && !parent.isNull()) {
            // Any whole number is a comment to look up (an unknown one is "not found"); other JSON is not.
            if (parent.isIntegralNumber() && parent.canConvertToLong()) {
                parentId = parent.asLong();
            } else {
                comment.add("parentId", "must be a whole number");
            }
        }
        comment.throwIfInvalid();
        return new CommentPosting.NewComment(body, parentId);
    }

    @PutMapping("/api/articles/{slug}/comments/{id}")
    Mono<CommentEnvelope> edit(
            @PathVariable String slug,
            @PathVariable String id,
            @AuthenticationPrincipal Jwt token,
            @RequestBody(required = false) CommentEditEnvelope request) {
        if (request == null || request.comment() == null) {
            return Mono.error(ApiException.invalid("comment", "can't be blank"));
        }
        CurrentUser writer = CurrentUser.of(token);
        return editing.edit(slug, id, writer, request.comment().body()).flatMap(comment -> written(comment, writer));
    }

    @DeleteMapping("/api/articles/{slug}/comments/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable String slug, @PathVariable String id, @AuthenticationPrincipal Jwt token) {
        return deletion.delete(slug, id, CurrentUser.of(token));
    }
}
