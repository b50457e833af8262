package dev.newsroom.platform.projection;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Mono;

/**
 * A service's local copy of another service's aggregate, kept from that service's events: the one
 * class that reads and writes the copy's collection. The service supplies the collection, its own
 * record with only the fields it reads, the field requests look records up by (a slug, say), and,
 * per event, the fields mapped from the event's data ({@link ProjectedFields}).
 *
 * <p>Applying an event is idempotent and safe against replays: every write is one conditional
 * upsert that matches only when the stored record is not deleted, is not newer than the event and
 * was not written by this very event ({@code ce_id}). When the condition does not match, the upsert
 * tries to insert a second document with the same id, which the store refuses: that refusal is how
 * a stale or repeated event is recognised and dropped, without a read before the write. A deletion
 * leaves a tombstone, so that nothing arriving afterwards, however it is dated, brings the
 * aggregate back.
 *
 * @param <T> the service's record, mapped from the collection's documents
 */
public final class Projection<T extends Projected> {

    /** Longer than any key the owning services make (slugs included); a longer one is not worth waiting for. */
    public static final int MAX_KEY_LENGTH = 512;

    private final ReactiveMongoTemplate mongo;
    private final String collection;
    private final Class<T> type;
    private final String key;
    private final ProjectionLookup lookup;
    private final Predicate<String> mayAppear;

    /**
     * @param collection where the copy is stored
     * @param type the service's record
     * @param key the field {@link #live} looks records up by; indexed by {@link #createKeyIndex()}
     * @param lookup how long {@link #live} waits for a key not seen yet
     */
    public Projection(
            ReactiveMongoTemplate mongo, String collection, Class<T> type, String key, ProjectionLookup lookup) {
        this(mongo, collection, type, key, lookup, value -> true);
    }

    /**
     * @param mayAppear whether a key not seen yet could be one the owner makes: only then does
     *     {@link #live} wait for it, so that a key the owner never makes (a typo, a probe) is not
     *     found at once instead of holding its request for {@code lookup.maxWait()}
     */
    public Projection(
            ReactiveMongoTemplate mongo,
            String collection,
            Class<T> type,
            String key,
            ProjectionLookup lookup,
            Predicate<String> mayAppear) {
        this.mongo = Objects.requireNonNull(mongo);
        this.collection = Objects.requireNonNull(collection);
        this.type = Objects.requireNonNull(type);
        this.key = Objects.requireNonNull(key);
        this.lookup = Objects.requireNonNull(lookup);
        this.mayAppear = Objects.requireNonNull(mayAppear);
    }

    /**
     * Records a created or changed aggregate, unless a newer event, this same event or the
     * aggregate's deletion was applied already. Emits whether anything changed.
     *
     * @param changedAt the aggregate's update time the event carries; events of the same time (but
     *     different ids) are both applied, in the order they arrive
     */
    public Mono<Boolean> changed(String eventId, String id, Instant changedAt, ProjectedFields fields) {
        Query current = new Query(where(Projected.ID)
                .is(id)
                .and(Projected.DELETED)
                .ne(true)
                .and(Projected.CHANGED_AT)
                .lte(changedAt)
                .and(Projected.LAST_EVENT_ID)
                .ne(eventId));
        return applyIf(current, update(fields, false, changedAt, eventId));
    }

    /**
     * Marks the aggregate deleted, whether or not its earlier events were seen, with the fields the
     * tombstone keeps (or forgets). Deletion is final: a tombstone is never written again, so a
     * redelivered deletion changes nothing either. Emits whether anything changed.
     */
    public Mono<Boolean> deleted(String eventId, String id, Instant deletedAt, ProjectedFields fields) {
        Query notDeleted =
                new Query(where(Projected.ID).is(id).and(Projected.DELETED).ne(true));
        return applyIf(notDeleted, update(fields, true, deletedAt, eventId));
    }

    private static Update update(ProjectedFields fields, boolean deleted, Instant at, String eventId) {
        Update update = new Update();
        fields.values().forEach(update::set);
        fields.forgotten().forEach(update::unset);
        return update.set(Projected.DELETED, deleted)
                .set(Projected.CHANGED_AT, at)
                .set(Projected.LAST_EVENT_ID, eventId);
    }

    private Mono<Boolean> applyIf(Query condition, Update update) {
        return mongo.upsert(condition, update, type, collection)
                .thenReturn(true)
                .onErrorResume(DuplicateKeyException.class, staleOrRepeated -> Mono.just(false));
    }

    /**
     * The live (not deleted) record with this key, or empty.
     *
     * <p>The projection follows its owner through Kafka, so it may lag by a few milliseconds: a
     * client that creates an aggregate and uses it here at once would otherwise be told it does not
     * exist. A key the projection does not know at all is therefore looked up again every {@code
     * interval} for up to {@code maxWait} before the answer is empty; the waiting is a Reactor
     * timer, not a blocked thread. A key known as deleted is answered at once: it will not come
     * back, and so is one the owner would never make (see the constructor's {@code mayAppear}).
     */
    public Mono<T> live(String value) {
        if (value == null || value.isBlank() || value.length() > MAX_KEY_LENGTH) {
            return Mono.empty();
        }
        Mono<T> found = withKey(value);
        if (mayAppear.test(value)) {
            found = whileUnknown(found);
        }
        return found.filter(record -> !record.deleted());
    }

    /**
     * The record with this id, live or deleted, or empty. An id the projection does not know is
     * looked up again as {@link #live} does for a key (every {@code interval} for up to {@code
     * maxWait}): for a request that names an aggregate its client has just made, such as the writer
     * of a story who registered a moment ago.
     */
    public Mono<T> awaitId(String id) {
        if (id == null || id.isBlank() || id.length() > MAX_KEY_LENGTH) {
            return Mono.empty();
        }
        return whileUnknown(mongo.findById(id, type, collection));
    }

    /** The records with these ids, live or deleted, by id. */
    public Mono<Map<String, T>> byIds(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Mono.just(Map.of());
        }
        return mongo.find(new Query(where(Projected.ID).in(ids)), type, collection)
                .collectMap(Projected::id);
    }

    /** The index {@link #live} needs; create it before the first request (it exists already on a restart). */
    public Mono<Void> createKeyIndex() {
        return mongo.indexOps(collection)
                .createIndex(new Index(key, Sort.Direction.ASC).named(key))
                .then();
    }

    /** The live record with this key if there is one, else a deleted one, else nothing. */
    private Mono<T> withKey(String value) {
        Query query =
                new Query(where(key).is(value)).with(Sort.by(Projected.DELETED)).limit(1);
        return mongo.findOne(query, type, collection);
    }

    /**
     * {@code found}, looked up again while empty as {@link #lookup} allows. Without retries it is
     * looked up once: a companion that completes at once would end the sequence before the first
     * look.
     */
    private Mono<T> whileUnknown(Mono<T> found) {
        long retries = lookup.retries();
        if (retries == 0) {
            return found;
        }
        return found.repeatWhenEmpty(misses -> misses.take(retries).delayElements(lookup.interval()));
    }
}
