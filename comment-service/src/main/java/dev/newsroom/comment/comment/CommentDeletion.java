package dev.newsroom.comment.comment;

import dev.newsroom.comment.article.Article;
import dev.newsroom.comment.article.ArticleProjection;
import dev.newsroom.platform.outbox.OutboxRelay;
import dev.newsroom.platform.security.CurrentUser;
import dev.newsroom.platform.web.ApiException;
import dev.newsroom.platform.web.RequestIds;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Deletes comments: one at a user's request, or all of an article's when the article goes. Each
 * deletion is one conditional write with its own {@code deleted} event, then the relay is woken.
 */
@Service
public class CommentDeletion {

    /** Deletions of one article's comments in flight at once when the article goes. */
    private static final int CASCADE_CONCURRENCY = 8;

    private final ArticleProjection articles;
    private final CommentLookup lookup;
    private final CommentRepository comments;
    private final OutboxRelay relay;
    private final JsonMapper json;
    private final Clock clock;

    CommentDeletion(
            ArticleProjection articles,
            CommentLookup lookup,
            CommentRepository comments,
            OutboxRelay relay,
            JsonMapper json,
            Clock clock) {
        this.articles = articles;
        this.lookup = lookup;
        this.comments = comments;
        this.relay = relay;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Deletes a comment under the article: allowed to its author, to the article's author and to
     * moderators. An id that does not name a live comment under this very article, or one the user
     * may not even see (held or rejected, and not theirs), is a 404, whatever it looks like.
     */
    public Mono<Void> delete(String slug, String rawId, CurrentUser user) {
        return articles.live(slug).flatMap(article -> deleteUnder(article, rawId, user));
    }

    private Mono<Void> deleteUnder(Article article, String rawId, CurrentUser user) {
        return lookup.liveUnder(article, rawId)
                .filter(comment -> comment.visibleTo(user.id(), user.isModerator()))
                .switchIfEmpty(Mono.error(ApiException.notFound("comment")))
                // Its event carries the request's trace (the automatic propagation is off here).
                .flatMap(comment -> RequestIds.withCorrelation(() -> deleteAs(user, article, comment)));
    }

    private Mono<Void> deleteAs(CurrentUser user, Article article, Comment comment) {
        if (!CommentRules.mayDelete(user.id(), user.isModerator(), comment.authorId(), article.authorId())) {
            return Mono.error(ApiException.forbidden("comment"));
        }
        return markDeleted(comment, user.id(), null, CommentRules.now(clock))
                .flatMap(deleted -> deleted
                        ? Mono.<Void>empty()
                        // Deleted (or moderated) by someone else in the meantime.
                        : Mono.error(ApiException.notFound("comment")))
                .doOnSuccess(done -> relay.wakeUp());
    }

    /**
     * Deletes every live comment under an article that was deleted, each with its own {@code
     * deleted} event ({@code reason} {@value CommentEvents#ARTICLE_DELETED}) in its own outbox.
     * Idempotent: a redelivered article deletion finds nothing live left and publishes nothing, and
     * one interrupted half-way finishes the rest. Emits how many comments it deleted.
     */
    public Mono<Long> deleteAllUnder(String articleId, String deletedBy, Instant deletedAt) {
        Instant at = deletedAt.truncatedTo(ChronoUnit.MILLIS);
        return comments.liveUnderArticle(articleId)
                .flatMap(
                        comment -> markDeleted(comment, deletedBy, CommentEvents.ARTICLE_DELETED, at),
                        CASCADE_CONCURRENCY)
                .filter(Boolean::booleanValue)
                .count()
                .doOnNext(deleted -> {
                    if (deleted > 0) {
                        relay.wakeUp();
                    }
                });
    }

    /**
     * Marks a live comment deleted with its event, in one write, provided its status is still the
     * one read (the event says whether it was public); emits whether it was written.
     */
    private Mono<Boolean> markDeleted(Comment comment, String deletedBy, String reason, Instant at) {
        return comments.markDeleted(
                comment, deletedBy, at, CommentEvents.deleted(comment, deletedBy, reason, at, json));
    }
}
