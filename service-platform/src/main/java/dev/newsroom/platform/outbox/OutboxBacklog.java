package dev.newsroom.platform.outbox;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What waits in a service's outboxes, as its store holds it: the events written but not yet
 * published, and when the oldest of them was written. Read from the store rather than counted by the
 * relay, so that it covers what every instance of the service wrote (and what a crashed one left),
 * and it is the same figure on every instance.
 *
 * <p>The {@code newsroom.outbox.oldest.age} gauge grows between two readings, so a relay that stopped
 * publishing shows as an age that keeps climbing even if the next reading is late. A reading looks at
 * up to {@value #DOCUMENTS_READ} documents per collection: past that the backlog is at least what it
 * says, and the alert has long fired.
 */
final class OutboxBacklog {

    static final int DOCUMENTS_READ = 10_000;
    private static final String TIMES = OutboxEvents.FIELD + ".time";
    private static final String PENDING = OutboxEvents.FIELD + ".0";

    private final ReactiveMongoTemplate mongo;
    private final Duration timeout;
    private final Clock clock;
    private final Map<String, Reading> readings = new ConcurrentHashMap<>();

    OutboxBacklog(
            ReactiveMongoTemplate mongo,
            List<String> collections,
            Duration timeout,
            Clock clock,
            MeterRegistry registry) {
        this.mongo = mongo;
        this.timeout = timeout;
        this.clock = clock;
        for (String collection : collections) {
            readings.put(collection, Reading.EMPTY);
            Gauge.builder(
                            "newsroom.outbox.pending",
                            () -> readings.get(collection).events())
                    .description("Events written to the outbox and not yet published, in the whole store")
                    .tag("collection", collection)
                    .register(registry);
            Gauge.builder("newsroom.outbox.oldest.age", () -> oldestAgeSeconds(collection))
                    .description("Seconds since the oldest event not yet published was written; 0 when none waits")
                    .baseUnit("seconds")
                    .tag("collection", collection)
                    .register(registry);
        }
    }

    /** Reads every collection once; a collection that cannot be read keeps its last reading. */
    Mono<Void> measure() {
        return Flux.fromIterable(readings.keySet())
                .concatMap(collection -> read(collection)
                        .doOnNext(reading -> readings.put(collection, reading))
                        .onErrorResume(error -> Mono.empty()))
                .then();
    }

    long pending(String collection) {
        return readings.get(collection).events();
    }

    double oldestAgeSeconds(String collection) {
        Instant oldest = readings.get(collection).oldest();
        if (oldest == null) {
            return 0;
        }
        return Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
    }

    private Mono<Reading> read(String collection) {
        return mongo.getCollection(collection)
                .flatMapMany(documents -> documents
                        .find(Filters.exists(PENDING))
                        .projection(Projections.include(TIMES))
                        .limit(DOCUMENTS_READ))
                .timeout(timeout)
                .reduce(Reading.EMPTY, (reading, document) -> reading.plus(document));
    }

    /** Events counted so far and the earliest time among them ({@code null} when there are none). */
    private record Reading(long events, Instant oldest) {

        static final Reading EMPTY = new Reading(0, null);

        Reading plus(Document document) {
            long count = events;
            Instant earliest = oldest;
            for (Document event : document.getList(OutboxEvents.FIELD, Document.class, List.of())) {
                count++;
                Date time = event.getDate("time");
                if (time != null && (earliest == null || time.toInstant().isBefore(earliest))) {
                    earliest = time.toInstant();
                }
            }
            return new Reading(count, earliest);
        }
    }
}
