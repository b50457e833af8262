package dev.newsroom.platform.projection;

import static dev.newsroom.platform.messaging.EventMessages.data;
import static dev.newsroom.platform.messaging.EventMessages.required;

import dev.newsroom.platform.messaging.EventMessages;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a listener of another service's topic applies one record to its projection: dispatches on
 * the CloudEvents type (a change type to the change, a deletion type to the deletion, any other
 * type is ignored, as the event rules ask), reads the data into the service's own record for that
 * kind of event and waits, bounded, for what the service does with it (typically {@link
 * Projection#changed} or {@link Projection#deleted}).
 *
 * <p>A record that cannot be read (not JSON, without an event id, or without a field the service
 * requires) throws, as does a write that fails or times out: the binder retries it a few times
 * with back-off and then sends it to the dead-letter topic, and the partition moves on.
 *
 * @param <C> the service's record of a change event's data (tolerant: unknown fields ignored)
 * @param <D> the service's record of a deletion event's data
 */
public final class ProjectionEvents<C, D> {

    /** Bounds the wait for the store on the binder's thread, which is not an event loop. */
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(ProjectionEvents.class);

    private final JsonMapper json;
    private final Set<String> changeTypes;
    private final Class<C> changeData;
    private final Set<String> deletionTypes;
    private final Class<D> deletionData;

    /**
     * @param changeTypes the CloudEvents types that create or change the aggregate
     * @param deletionTypes the CloudEvents types that delete it
     */
    public ProjectionEvents(
            JsonMapper json,
            Set<String> changeTypes,
            Class<C> changeData,
            Set<String> deletionTypes,
            Class<D> deletionData) {
        this.json = Objects.requireNonNull(json);
        this.changeTypes = Set.copyOf(changeTypes);
        this.changeData = Objects.requireNonNull(changeData);
        this.deletionTypes = Set.copyOf(deletionTypes);
        this.deletionData = Objects.requireNonNull(deletionData);
    }

    /**
     * The events of {@code newsroom.articles.v1}, the copy every consumer of articles keeps:
     * published and updated change an article, deleted removes it. The type names are the topic's
     * public contract (contracts/asyncapi.yaml), the same for every consumer.
     */
    public static <C, D> ProjectionEvents<C, D> ofArticles(
            JsonMapper json, Class<C> changeData, Class<D> deletionData) {
        return new ProjectionEvents<>(
                json,
                Set.of("newsroom.article.published.v1", "newsroom.article.updated.v1"),
                changeData,
                Set.of("newsroom.article.deleted.v1"),
                deletionData);
    }

    /**
     * Applies {@code message} with {@code change} or {@code deletion}, each given the event id and
     * the event's data, and emitting whether anything changed; ignores a type it does not know.
     * Returns when it is applied.
     */
    public void apply(Message<byte[]> message, Applier<C> change, Applier<D> deletion) {
        String type = EventMessages.type(message.getHeaders());
        String id = EventMessages.id(message.getHeaders());
        if (type == null) {
            log.debug("Ignoring a record without a CloudEvents type");
            return;
        }
        Mono<Boolean> applied;
        if (changeTypes.contains(type)) {
            applied = change.apply(required(id, "event id"), data(json, message, changeData));
        } else if (deletionTypes.contains(type)) {
            applied = deletion.apply(required(id, "event id"), data(json, message, deletionData));
        } else {
            applied = Mono.just(false);
        }
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
}
