package dev.newsroom.comment.web;

import dev.newsroom.comment.article.Article;
import dev.newsroom.comment.comment.Comment;
import dev.newsroom.comment.comment.CommentRules;
import dev.newsroom.comment.comment.HeldCursor;
import dev.newsroom.comment.comment.HeldQueue;
import dev.newsroom.comment.comment.ModerationDecisions;
import dev.newsroom.comment.web.CommentJson.ArticleRef;
import dev.newsroom.comment.web.CommentJson.CommentBody;
import dev.newsroom.comment.web.CommentJson.CommentEnvelope;
import dev.newsroom.comment.web.CommentJson.HeldPageBody;
import dev.newsroom.platform.authors.AuthorProfile;
import dev.newsroom.platform.authors.AuthorProfiles;
import dev.newsroom.platform.security.CurrentUser;
import dev.newsroom.platform.web.ApiException;
import java.util.Optional;
import java.util.OptionalInt;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The moderators' side of comments (the {@code moderator} role, checked by {@link
 * CommentAccessRules}): the queue of held comments, oldest first, and the decisions on any comment.
 */
@RestController
class ModerationController {

    private final HeldQueue queue;
    private final ModerationDecisions decisions;
    private final AuthorProfiles authors;

    ModerationController(HeldQueue queue, ModerationDecisions decisions, AuthorProfiles authors) {
        this.queue = queue;
        this.decisions = decisions;
        this.authors = authors;
    }

    @GetMapping("/api/moderation/comments")
    Mono<HeldPageBody> held(
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String after,
            @AuthenticationPrincipal Jwt token) {
        OptionalInt size =
                limit == null ? OptionalInt.of(CommentRules.DEFAULT_PAGE_SIZE) : CommentRules.parseLimit(limit);
        if (size.isEmpty()) {
            return Mono.error(
                    ApiException.invalid("limit", "must be a whole number from 1 to " + CommentRules.MAX_PAGE_SIZE));
        }
        Optional<HeldCursor> cursor = after == null ? Optional.empty() : HeldCursor.decode(after);
        if (after != null && cursor.isEmpty()) {
            return Mono.error(ApiException.invalid("after", "is invalid"));
        }
        return queue.held(size.getAsInt(), cursor.orElse(null))
                .flatMap(page -> authors.asSeenBy(CommentJson.authorIds(page.comments()), viewer(token))
                        .map(profiles -> new HeldPageBody(
                                page.comments().stream()
                                        .map(comment -> CommentBody.of(
                                                comment,
                                                profiles.getOrDefault(comment.authorId(), AuthorProfile.UNKNOWN),
                                                ref(page.articles().get(comment.articleId()))))
                                        .toList(),
                                page.nextCursor())));
    }

    @PostMapping("/api/moderation/comments/{id}/approve")
    Mono<CommentEnvelope> approve(@PathVariable String id, @AuthenticationPrincipal Jwt token) {
        return decided(decisions.moderate(id, true, CurrentUser.of(token)), token);
    }

    @PostMapping("/api/moderation/comments/{id}/reject")
    Mono<CommentEnvelope> reject(@PathVariable String id, @AuthenticationPrincipal Jwt token) {
        return decided(decisions.moderate(id, false, CurrentUser.of(token)), token);
    }

    /** The comment decided on, with its author's profile as the moderator sees it. */
    private Mono<CommentEnvelope> decided(Mono<Comment> comment, Jwt token) {
        return comment.flatMap(decided ->
                authors.asSeenBy(decided.authorId(), viewer(token)).map(author -> CommentEnvelope.of(decided, author)));
    }

    private static String viewer(Jwt token) {
        return token == null ? null : CurrentUser.of(token).id();
    }

    private static ArticleRef ref(Article article) {
        return article == null ? null : new ArticleRef(article.slug(), article.title());
    }
}
