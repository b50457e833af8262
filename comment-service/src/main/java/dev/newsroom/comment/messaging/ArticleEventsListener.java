package dev.newsroom.comment.messaging;

import static dev.newsroom.platform.messaging.EventMessages.required;

import dev.newsroom.comment.article.ArticleProjection;
import dev.newsroom.comment.comment.CommentDeletion;
import dev.newsroom.comment.comment.CommentEvents;
import dev.newsroom.comment.messaging.ArticleEvents.ArticleChanged;
import dev.newsroom.comment.messaging.ArticleEvents.ArticleRemoved;
import dev.newsroom.platform.projection.ProjectionEvents;
import java.time.Instant;
import java.util.function.Consumer;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the {@link ArticleProjection} up to date from {@code newsroom.articles.v1} (binding {@code
 * articleEvents-in-0}), through the shared {@link ProjectionEvents}: it dispatches on the
 * CloudEvents type, ignores types it does not know, and sends a record it cannot read (or whose
 * write keeps failing) to {@code newsroom.articles.v1.comment-service.dlq} after the binder's
 * retries.
 *
 * <p>An article's deletion also deletes its comments, each with its own {@code
 * newsroom.comment.deleted.v1}. That part runs on every delivery of the deletion, not only the first
 * that changed the projection: a crash between the two writes is finished by the redelivery, and
 * a redelivery after a complete run finds no live comment left to delete.
 *
 * <p>A withdrawal (an editor unpublished the story) removes the article from the projection as a
 * deletion does, so its comments answer 404 as an unknown article's would and its live streams show
 * nothing more, but it keeps the comments: the story still exists for its author and the editors, and nothing it
 * owns is destroyed for good. If the story is deleted later, that deletion still deletes them.
 */
@Component("articleEvents")
class ArticleEventsListener implements Consumer<Message<byte[]>> {

    private final ArticleProjection projection;
    private final CommentDeletion comments;
    private final ProjectionEvents events;

    ArticleEventsListener(ArticleProjection projection, CommentDeletion comments, JsonMapper json) {
        this.projection = projection;
        this.comments = comments;
        this.events = ProjectionEvents.ofArticles(
                        json, ArticleChanged.class, this::changed, ArticleRemoved.class, this::deleted)
                .on(ProjectionEvents.ARTICLE_WITHDRAWN, ArticleRemoved.class, this::removed);
    }

    @Override
    public void accept(Message<byte[]> message) {
        events.apply(message);
    }

    private Mono<Boolean> changed(String eventId, ArticleChanged event) {
        return projection.changed(
                eventId,
                required(event.articleId(), "articleId"),
                required(event.slug(), "slug"),
                event.title(),
                required(event.authorId(), "authorId"),
                required(event.updatedAt(), "updatedAt"));
    }

    private Mono<Boolean> deleted(String eventId, ArticleRemoved event) {
        String articleId = required(event.articleId(), "articleId");
        Instant deletedAt = required(event.removedAt(), "deletedAt");
        // The article's author removed the article and so its comments; the contract needs a UUID when unknown.
        String deletedBy =
                event.authorId() == null || event.authorId().isBlank() ? CommentEvents.SYSTEM : event.authorId();
        return removed(eventId, event)
                .flatMap(changed -> comments.deleteAllUnder(articleId, deletedBy, deletedAt)
                        .map(deletedComments -> changed || deletedComments > 0));
    }

    /** Takes the article out of the projection (a tombstone), and nothing else: a withdrawal ends here. */
    private Mono<Boolean> removed(String eventId, ArticleRemoved event) {
        return projection.deleted(
                eventId,
                required(event.articleId(), "articleId"),
                event.slug(),
                event.authorId(),
                required(event.removedAt(), "deletedAt or withdrawnAt"));
    }
}
