package dev.newsroom.platform.projection;

import static dev.newsroom.platform.messaging.EventMessages.data;
import static dev.newsroom.platform.messaging.EventMessages.required;

import dev.newsroom.platform.messaging.EventMessages;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a listener of another service's topic applies one record to its projections: dispatches on
 * the CloudEvents type to what the service registered for that type with {@link #on} (any other type
 * is ignored, as the event rules ask), reads the data into the service's own record for that type
 * and waits, bounded, for what the service does with it (typically {@link Projection#changed} or
 * {@link Projection#deleted}).
 *
 * <p>A record that cannot be read (not JSON, without an event id, or without a field the service
 * requires) throws, as does a write that fails or times out: the binder retries it a few times
 * with back-off and then sends it to the dead-letter topic, and the partition moves on.
 *
 * <p>Immutable: {@link #on} answers a new value, so a listener builds its table once.
 */
public final class ProjectionEvents {

    /** Bounds the wait for the store on the binder's thread, which is not an event loop. */
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    /** The types of {@code newsroom.articles.v1} that create or change an article. */
    public static final String ARTICLE_PUBLISHED = "newsroom.article.published.v1",
            ARTICLE_UPDATED = "newsroom.article.updated.v1";

    /** The type of {@code newsroom.articles.v1} that deletes an article. */
    public static final String ARTICLE_DELETED = "newsroom.article.deleted.v1";

    /**
     * The type of {@code newsroom.articles.v1} that withdraws (unpublishes) an article. Final in this
     * version: a withdrawn story is never published again, so to a copy of the articles it is gone
     * as a deleted one is.
     */
    public static final String ARTICLE_WITHDRAWN = "newsroom.article.withdrawn.v1";

    private static final Logger log = LoggerFactory.getLogger(ProjectionEvents.class);

    private final JsonMapper json;
    private final Map<String, Handler<?>> handlers;

    private ProjectionEvents(JsonMapper json, Map<String, Handler<?>> handlers) {
        this.json = Objects.requireNonNull(json);
        this.handlers = handlers;
    }

    /** No type handled yet: every record is ignored until types are added with {@link #on}. */
    public static ProjectionEvents reading(JsonMapper json) {
        return new ProjectionEvents(json, Map.of());
    }

    /**
     * The events of {@code newsroom.articles.v1}, the copy every consumer of articles keeps:
     * published and updated change an article; deleted and withdrawn remove it, both through {@code
     * removal}. Other systems must drop a withdrawn story at once and it never comes back, so a copy
     * removes it exactly as a deleted one, tombstone and all. The type names are the topic's public
     * contract (contracts/asyncapi.yaml), the same for every consumer.
     *
     * <p>Both removals are read into the one {@code removalData} record. Their contracts share
     * {@code articleId}, {@code slug} and {@code authorId}; the time is {@code deletedAt} in one and
     * {@code withdrawnAt} in the other, so a record that reads it names it once and accepts both
     * ({@code @JsonAlias({"deletedAt", "withdrawnAt"})}). A service for which a withdrawal must do
     * less than a deletion (comment-service keeps a withdrawn story's comments) registers its own
     * handling of {@link #ARTICLE_WITHDRAWN} with {@link #on} afterwards.
     *
     * @param <C> the service's record of a change event's data (tolerant: unknown fields ignored)
     * @param <R> the service's record of a deletion's or withdrawal's data
     */
    public static <C, R> ProjectionEvents ofArticles(
            JsonMapper json, Class<C> changeData, Applier<C> change, Class<R> removalData, Applier<R> removal) {
        return reading(json)
                .on(ARTICLE_PUBLISHED, changeData, change)
                .on(ARTICLE_UPDATED, changeData, change)
                .on(ARTICLE_DELETED, removalData, removal)
                .on(ARTICLE_WITHDRAWN, removalData, removal);
    }

    /**
     * These types and: records of {@code type} read into {@code data} and given to {@code applier}
     * (replacing what was registered for {@code type} before).
     */
    public <E> ProjectionEvents on(String type, Class<E> data, Applier<E> applier) {
        Map<String, Handler<?>> more = new LinkedHashMap<>(handlers);
        more.put(
                Objects.requireNonNull(type),
                new Handler<>(Objects.requireNonNull(data), Objects.requireNonNull(applier)));
        return new ProjectionEvents(json, Map.copyOf(more));
    }

    /**
     * Applies {@code message} with what was registered for its type, given the event id and the
     * event's data; ignores a type it does not know, unread. Returns when it is applied.
     */
    public void apply(Message<byte[]> message) {
        String type = EventMessages.type(message.getHeaders());
        String id = EventMessages.id(message.getHeaders());
        if (type == null) {
            log.debug("Ignoring a record without a CloudEvents type");
            return;
        }
        Handler<?> handler = handlers.get(type);
        Mono<Boolean> applied = handler == null ? Mono.just(false) : handler.apply(json, id, message);
        if (!Boolean.TRUE.equals(applied.block(WRITE_TIMEOUT))) {
            log.debug("Event {} ({}) changed nothing: unknown type, already applied or stale", id, type);
        }
    }

    /** What a service does with one event's data. */
    @FunctionalInterface
    public interface Applier<E> {

        /** Emits whether anything changed. */
        Mono<Boolean> apply(String eventId, E data);
    }

    private record Handler<E>(Class<E> type, Applier<E> applier) {

        Mono<Boolean> apply(JsonMapper json, String eventId, Message<byte[]> message) {
            return applier.apply(required(eventId, "event id"), data(json, message, type));
        }
    }
}
