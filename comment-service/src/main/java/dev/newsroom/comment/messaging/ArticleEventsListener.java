package dev.newsroom.comment.messaging;

import static dev.newsroom.platform.messaging.EventMessages.data;
import static dev.newsroom.platform.messaging.EventMessages.required;

import dev.newsroom.comment.article.ArticleProjection;
import dev.newsroom.comment.comment.CommentDeletion;
import dev.newsroom.comment.comment.CommentEvents;
import dev.newsroom.comment.messaging.ArticleEvents.ArticleChanged;
import dev.newsroom.comment.messaging.ArticleEvents.ArticleDeleted;
import dev.newsroom.platform.messaging.EventMessages;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the {@link ArticleProjection} up to date from {@code newsroom.articles.v1} (binding {@code
 * articleEvents-in-0}). Dispatches on the CloudEvents type and ignores types it does not know.
 *
 * <p>A record that cannot be read (not JSON, or without the fields the projection needs) throws:
 * the binder retries it a few times with back-off and then sends it to {@code
 * newsroom.articles.v1.comment-service.dlq}, and the partition moves on. So does a record whose
 * write keeps failing, which can then be re-driven from the dead-letter topic.
 *
 * <p>An article's deletion also deletes its comments, each with its own {@code
 * newsroom.comment.deleted.v1}. That part runs on every delivery of the deletion, not only the first
 * that changed the projection: a crash between the two writes is finished by the redelivery, and
 * a redelivery after a complete run finds no live comment left to delete.
 */
@Component("articleEvents")
class ArticleEventsListener implements Consumer<Message<byte[]>> {

    private static final Logger log = LoggerFactory.getLogger(ArticleEventsListener.class);
    /**
     * Bounds the wait for the store on the binder's thread, which is not an event loop; generous,
     * because an article's deletion deletes all its comments too.
     */
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    private final ArticleProjection projection;
    private final CommentDeletion comments;
    private final JsonMapper json;

    ArticleEventsListener(ArticleProjection projection, CommentDeletion comments, JsonMapper json) {
        this.projection = projection;
        this.comments = comments;
        this.json = json;
    }

    @Override
    public void accept(Message<byte[]> message) {
        String type = EventMessages.type(message.getHeaders());
        String id = EventMessages.id(message.getHeaders());
        if (type == null) {
            log.debug("Ignoring a record without a CloudEvents type");
            return;
        }
        Mono<Boolean> applied = switch (type) {
            case ArticleEvents.PUBLISHED, ArticleEvents.UPDATED -> changed(required(id, "event id"), message);
            case ArticleEvents.DELETED -> deleted(required(id, "event id"), message);
            default -> Mono.just(false);
        };
        if (!Boolean.TRUE.equals(applied.block(WRITE_TIMEOUT))) {
            log.debug("Article event {} ({}) changed nothing: unknown type, already applied or stale", id, type);
        }
    }

    private Mono<Boolean> changed(String eventId, Message<byte[]> message) {
        ArticleChanged event = data(json, message, ArticleChanged.class);
        return projection.changed(
                eventId,
                required(event.articleId(), "articleId"),
                required(event.slug(), "slug"),
                event.title(),
                required(event.authorId(), "authorId"),
                required(event.updatedAt(), "updatedAt"));
    }

    private Mono<Boolean> deleted(String eventId, Message<byte[]> message) {
        ArticleDeleted event = data(json, message, ArticleDeleted.class);
        String articleId = required(event.articleId(), "articleId");
        Instant deletedAt = required(event.deletedAt(), "deletedAt");
        // The article's author removed the article and so its comments; the contract needs a UUID when unknown.
        String deletedBy =
                event.authorId() == null || event.authorId().isBlank() ? CommentEvents.SYSTEM : event.authorId();
        return projection
                .deleted(eventId, articleId, event.slug(), event.authorId(), deletedAt)
                .flatMap(changed -> comments.deleteAllUnder(articleId, deletedBy, deletedAt)
                        .map(deletedComments -> changed || deletedComments > 0));
    }
}
