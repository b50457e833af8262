package dev.newsroom.assistant.messaging;

import static dev.newsroom.platform.messaging.EventMessages.present;
import static dev.newsroom.platform.messaging.EventMessages.required;

import dev.newsroom.assistant.article.ArticleTexts;
import dev.newsroom.assistant.messaging.ArticleEvents.ArticleChanged;
import dev.newsroom.assistant.messaging.ArticleEvents.ArticleRemoved;
import dev.newsroom.platform.projection.ProjectionEvents;
import java.util.function.Consumer;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps {@link ArticleTexts} up to date from {@code newsroom.articles.v1} (binding {@code
 * articleEvents-in-0}), through the shared {@link ProjectionEvents}: it dispatches on the
 * CloudEvents type, ignores types it does not know, and sends a record it cannot read (or whose
 * write keeps failing) to {@code newsroom.articles.v1.assistant-service.dlq} after the binder's
 * retries. A withdrawn article (unpublished by an editor, never published again) is forgotten as a
 * deleted one is: no reader may get answers from a story that is no longer public.
 */
@Component("articleEvents")
class ArticleEventsListener implements Consumer<Message<byte[]>> {

    private final ArticleTexts articles;
    private final ProjectionEvents events;

    ArticleEventsListener(ArticleTexts articles, JsonMapper json) {
        this.articles = articles;
        this.events = ProjectionEvents.ofArticles(
                json, ArticleChanged.class, this::changed, ArticleRemoved.class, this::removed);
    }

    @Override
    public void accept(Message<byte[]> message) {
        events.apply(message);
    }

    private Mono<Boolean> changed(String eventId, ArticleChanged event) {
        return articles.changed(
                eventId,
                required(event.articleId(), "articleId"),
                required(event.slug(), "slug"),
                required(event.title(), "title"),
                // An empty body is a valid article (nothing to answer from), not a poison record.
                present(event.body(), "body"),
                required(event.updatedAt(), "updatedAt"));
    }

    private Mono<Boolean> removed(String eventId, ArticleRemoved event) {
        return articles.deleted(
                eventId,
                required(event.articleId(), "articleId"),
                event.slug(),
                required(event.removedAt(), "deletedAt or withdrawnAt"));
    }
}
