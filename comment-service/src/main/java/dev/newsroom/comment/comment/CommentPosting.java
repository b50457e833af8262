package dev.newsroom.comment.comment;

import dev.newsroom.comment.CommentServiceProperties;
import dev.newsroom.comment.article.Article;
import dev.newsroom.comment.article.ArticleProjection;
import dev.newsroom.platform.outbox.OutboxEvent;
import dev.newsroom.platform.outbox.OutboxRelay;
import dev.newsroom.platform.web.ApiException;
import dev.newsroom.platform.web.RequestIds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts comments and replies. A new comment is inserted whole, its {@code posted} event (and, when a
 * check held it, its {@code moderated} one) in its outbox, then the relay is woken.
 */
@Service
public class CommentPosting {

    private final ArticleProjection articles;
    private final CommentRepository comments;
    private final CommentIds ids;
    private final FloodControl floodControl;
    private final ModerationChecks checks;
    private final OutboxRelay relay;
    private final JsonMapper json;
    private final Clock clock;
    private final int maxBodyLength;
    private final int maxDepth;
    private final Duration repeatWindow;

    CommentPosting(
            ArticleProjection articles,
            CommentRepository comments,
            CommentIds ids,
            FloodControl floodControl,
            ModerationChecks checks,
            OutboxRelay relay,
            JsonMapper json,
            Clock clock,
            CommentServiceProperties properties) {
        this.articles = articles;
        this.comments = comments;
        this.ids = ids;
        this.floodControl = floodControl;
        this.checks = checks;
        this.relay = relay;
        this.json = json;
        this.clock = clock;
        this.maxBodyLength = properties.maxBodyLength();
        this.maxDepth = properties.maxDepth();
        this.repeatWindow = properties.moderation().repeats().within();
    }

    /** What a client asks to post: the text, and the comment it answers (null for a top-level one). */
    public record NewComment(String body, Long parentId) {}

    /**
     * Posts a comment, or a reply when {@code parentId} names a published comment under the same
     * article that is not already at the maximum depth. The moderation checks publish it, hold it
     * for a moderator, or refuse it (422, saying why, nothing stored). The request is read only once
     * the article is known to exist, so an unknown slug is 404 whatever the body holds (the same
     * precedence as everywhere: 401, 404, 403, then 422).
     */
    public Mono<Comment> post(String slug, String authorId, Supplier<NewComment> request) {
        return articles.live(slug).flatMap(article -> postUnder(article, authorId, request.get()));
    }

    private Mono<Comment> postUnder(Article live, String authorId, NewComment request) {
        String body = request.body();
        Optional<String> problem = CommentRules.problemWithBody(body, maxBodyLength);
        if (problem.isPresent()) {
            return Mono.error(ApiException.invalid("body", problem.get()));
        }
        String fingerprint = ModerationChecks.fingerprint(body);
        return parent(live, request.parentId())
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .zipWith(comments.postedSince(
                        authorId, fingerprint, CommentRules.now(clock).minus(repeatWindow)))
                .flatMap(found -> {
                    ModerationChecks.Verdict verdict = checks.check(body, found.getT2());
                    if (verdict.refused()) {
                        return Mono.error(verdict.refusal());
                    }
                    // Counted only once the post is otherwise acceptable: refused ones do not use up the limit.
                    return floodControl
                            .admit(authorId)
                            .then(ids.next())
                            // Its events carry the request's trace (the automatic propagation is off here).
                            .flatMap(id -> RequestIds.withCorrelation(() -> Mono.just(newComment(
                                    live, found.getT1().orElse(null), id, authorId, body, fingerprint, verdict))));
                })
                .flatMap(comments::insert)
                .doOnNext(comment -> relay.wakeUp());
    }

    private Mono<Comment> parent(Article article, Long parentId) {
        if (parentId == null) {
            return Mono.empty();
        }
        return comments.publishedUnder(parentId, article.id())
                .switchIfEmpty(Mono.error(ApiException.invalid("parentId", "not found")))
                .filter(parent -> parent.depth() < maxDepth)
                .switchIfEmpty(Mono.error(
                        ApiException.invalid("parentId", "is too deeply nested (maximum depth is " + maxDepth + ")")));
    }

    /** The comment to insert, its events already in its outbox. */
    private Comment newComment(
            Article article,
            Comment parent,
            long id,
            String authorId,
            String body,
            String fingerprint,
            ModerationChecks.Verdict verdict) {
        Instant now = CommentRules.now(clock);
        Comment comment = Comment.builder()
                .id(id)
                .articleId(article.id())
                .authorId(authorId)
                .parentId(parent == null ? null : parent.id())
                .depth(parent == null ? 0 : parent.depth() + 1)
                .path(Threads.path(parent == null ? null : parent.path(), now, id))
                .body(body)
                .createdAt(now)
                .updatedAt(now)
                .status(verdict.status())
                .moderationReasons(verdict.reasons())
                .fingerprint(fingerprint)
                .build();
        List<OutboxEvent> events = new ArrayList<>();
        events.add(CommentEvents.posted(comment, json));
        if (verdict.status() == CommentStatus.HELD) {
            events.add(CommentEvents.heldWhenPosted(comment, json));
        }
        return comment.toBuilder().outbox(events).build();
    }
}
