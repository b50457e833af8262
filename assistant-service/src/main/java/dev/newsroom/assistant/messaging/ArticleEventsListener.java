package dev.newsroom.assistant.messaging;

import static dev.newsroom.platform.messaging.EventMessages.data;
import static dev.newsroom.platform.messaging.EventMessages.present;
import static dev.newsroom.platform.messaging.EventMessages.required;

import dev.newsroom.assistant.article.ArticleTexts;
import dev.newsroom.assistant.messaging.ArticleEvents.ArticleChanged;
import dev.newsroom.assistant.messaging.ArticleEvents.ArticleDeleted;
import dev.newsroom.platform.messaging.EventMessages;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps {@link ArticleTexts} up to date from {@code newsroom.articles.v1} (binding {@code
 * articleEvents-in-0}). Dispatches on the CloudEvents type and ignores types it does not know.
 *
 * <p>A record that cannot be read (not JSON, or without the fields the projection needs) throws:
 * the binder retries it a few times with back-off and then sends it to {@code
 * newsroom.articles.v1.assistant-service.dlq}, and the partition moves on. So does a record whose
 * write keeps failing, which can then be re-driven from the dead-letter topic.
 */
@Component("articleEvents")
class ArticleEventsListener implements Consumer<Message<byte[]>> {

    private static final Logger log = LoggerFactory.getLogger(ArticleEventsListener.class);
    /** Bounds the wait for the store on the binder's thread, which is not an event loop. */
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    private final ArticleTexts articles;
    private final JsonMapper json;

    ArticleEventsListener(ArticleTexts articles, JsonMapper json) {
        this.articles = articles;
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
        return articles.changed(
                eventId,
                required(event.articleId(), "articleId"),
                required(event.slug(), "slug"),
                required(event.title(), "title"),
                // An empty body is a valid article (nothing to answer from), not a poison record.
                present(event.body(), "body"),
                required(event.updatedAt(), "updatedAt"));
    }

    private Mono<Boolean> deleted(String eventId, Message<byte[]> message) {
        ArticleDeleted event = data(json, message, ArticleDeleted.class);
        return articles.deleted(
                eventId,
                required(event.articleId(), "articleId"),
                event.slug(),
                required(event.deletedAt(), "deletedAt"));
    }
}
