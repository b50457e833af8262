package dev.newsroom.platform.outbox;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.errors.TimeoutException;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.ProducerListener;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes the events waiting in the {@code outbox} arrays of the configured collections and then
 * removes them, so that an event stored with its aggregate's change reaches Kafka even if the
 * service crashes right after the write.
 *
 * <p>Delivery is at least once: an event is removed only after the broker acknowledged it, so a
 * crash (or a lost removal) in between publishes it again with the same {@code ce_id}, which is why
 * every consumer deduplicates on {@code ce_id}. The events of one document are published one after
 * another in array order, each acknowledged before the next is sent, and a failure stops that
 * document until the next attempt; so one aggregate's events reach its partition in order.
 *
 * <p>The relay sweeps every {@code interval} and whenever a service calls {@link #wakeUp()} after a
 * write; signals that arrive while a sweep runs are folded into one more sweep. All of its work runs
 * on its own thread and on the drivers' I/O threads, never on a caller's thread. A document whose
 * events fail to go out is retried with growing back-off (its own, so that it holds no other
 * document back), and if the store itself fails every sweep backs off; nothing is dropped. While
 * one instance relays a document it holds a
 * short lease on it ({@code outboxLeaseUntil}) so that other instances of the service leave it alone;
 * correctness does not depend on the lease, it only avoids most duplicates.
 */
public final class OutboxRelay implements SmartLifecycle, DisposableBean {

    static final String LEASE_FIELD = "outboxLeaseUntil";

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final String PENDING = OutboxEvents.FIELD + ".0";
    /** Documents relayed at once: each is sequential inside, so this is what fills the producer's batches. */
    private static final int DOCUMENTS_IN_FLIGHT = 16;

    private final ReactiveMongoTemplate mongo;
    private final ProducerFactory<String, byte[]> producers;
    private final KafkaTemplate<String, byte[]> kafka;
    private final OutboxProperties properties;
    private final Scheduler scheduler;
    private final Map<String, CollectionMeters> meters = new ConcurrentHashMap<>();
    private final RestingDocuments resting = new RestingDocuments();
    private final AtomicBoolean requested = new AtomicBoolean();
    private volatile boolean running;
    private volatile boolean sent;
    /** Set when the rest of a sweep would only wait in vain: the broker timed out, or the relay stops. */
    private volatile boolean abandonSweep;

    // Touched on the relay's own thread only, so they need no further locking.
    private boolean sweeping;
    private boolean backingOff;
    private boolean retryScheduled;
    private int failedSweeps;
    private Instant lastWarning = Instant.MIN;
    private Disposable ticker = Disposables.disposed();
    private Runnable afterStop;

    /**
     * @param producers the relay's own producer factory (idempotent, {@code acks=all}); the relay
     *     closes it when it is destroyed
     * @param properties with the CloudEvents source resolved
     */
    OutboxRelay(
            ReactiveMongoTemplate mongo,
            ProducerFactory<String, byte[]> producers,
            OutboxProperties properties,
            MeterRegistry registry) {
        this.mongo = mongo;
        this.producers = producers;
        this.properties = properties;
        Objects.requireNonNull(properties.source(), "newsroom.outbox.source");
        this.kafka = new KafkaTemplate<>(producers);
        // The default listener logs every failed record with its value at ERROR; failures are
        // reported once per sweep here instead, without event data.
        this.kafka.setProducerListener(new ProducerListener<>() {});
        this.scheduler = Schedulers.newSingle("outbox-relay", true);
        for (String collection : properties.collections()) {
            meters.put(collection, new CollectionMeters(collection, registry, resting));
        }
    }

    /**
     * Asks for a sweep soon, typically right after a write that appended events. Cheap, never
     * blocks, and safe to call from any thread (also a Netty event loop) as often as you like: calls
     * that arrive while a sweep is pending or running are folded into one sweep.
     */
    public void wakeUp() {
        if (!requested.getAndSet(true)) {
            execute(this::drain);
        }
    }

    @Override
    public void start() {
        running = true;
        // The first sweep runs at once: it relays whatever an earlier run left behind.
        execute(() -> {
            ticker.dispose();
            ticker = scheduler.schedulePeriodically(
                    this::tick, 0, properties.interval().toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    /** Lets the sweep in progress finish, flushes the producer, then runs {@code callback}. */
    @Override
    public void stop(Runnable callback) {
        running = false;
        abandonSweep = true;
        boolean accepted = execute(() -> {
            ticker.dispose();
            if (sweeping) {
                afterStop = callback;
            } else {
                flushThen(callback);
            }
        });
        if (!accepted) {
            callback.run();
        }
    }

    @Override
    public void stop() {
        CountDownLatch stopped = new CountDownLatch(1);
        stop(stopped::countDown);
        try {
            // A sweep told to stop sends nothing new, so it ends within a delivery timeout or so.
            stopped.await(properties.deliveryTimeout().multipliedBy(3).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the web server has stopped taking requests, so that their events still go out. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    @Override
    public void destroy() throws Exception {
        scheduler.dispose();
        if (producers instanceof DisposableBean disposable) {
            disposable.destroy();
        }
    }

    private boolean execute(Runnable task) {
        try {
            scheduler.schedule(task);
            return true;
        } catch (RejectedExecutionException shutDown) {
            // Destroyed: the events stay in their documents for the next start.
            return false;
        }
    }

    private void tick() {
        requested.set(true);
        drain();
    }

    private void drain() {
        if (!running || sweeping || backingOff || !requested.getAndSet(false)) {
            return;
        }
        sweeping = true;
        abandonSweep = false;
        sweep().publishOn(scheduler).subscribe(this::swept, destroyed -> log.debug("Outbox relay destroyed mid-sweep"));
    }

    private void swept(Outcome outcome) {
        sweeping = false;
        if (!running) {
            log.debug("Outbox relay stopped mid-sweep; {} events wait for the next start", outcome.pending());
        } else if (outcome.failure() != null) {
            failed(outcome);
        } else if (outcome.documents() > 0 && failedSweeps > 0) {
            log.info("Outbox relay publishes again after {} failed sweeps", failedSweeps);
            failedSweeps = 0;
        }
        if (outcome.full()) {
            // More documents are waiting than one sweep takes on.
            requested.set(true);
        }
        if (afterStop != null) {
            Runnable callback = afterStop;
            afterStop = null;
            flushThen(callback);
        }
        drain();
    }

    private void failed(Outcome outcome) {
        failedSweeps++;
        Duration delay = RestingDocuments.delay(failedSweeps);
        Instant now = Instant.now();
        // Once per failure streak and then every half minute: a broker that is down for an hour
        // should not write a line per attempt.
        if (failedSweeps == 1 || !now.isBefore(lastWarning.plus(RestingDocuments.LAST_RETRY))) {
            lastWarning = now;
            log.warn(
                    "Outbox relay published {} events, {} are still pending and will be retried ({} failed sweeps "
                            + "in a row): {}",
                    outcome.published(),
                    outcome.pending(),
                    failedSweeps,
                    NestedExceptionUtils.getMostSpecificCause(outcome.failure()).toString());
        }
        log.debug("Outbox relay failure", outcome.failure());
        if (outcome.documents() == 0) {
            // Not even the look-up worked: the store is failing, so every sweep waits, wake-ups too.
            backingOff = true;
        }
        if (!retryScheduled) {
            retryScheduled = true;
            scheduler.schedule(this::retry, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void retry() {
        retryScheduled = false;
        backingOff = false;
        requested.set(true);
        drain();
    }

    private void flushThen(Runnable callback) {
        try {
            // Flushing creates the producer if there is none yet, which a relay that never sent needs not.
            if (sent) {
                kafka.flush();
            }
        } catch (RuntimeException e) {
            log.warn("Outbox relay could not flush its producer on stop: {}", e.toString());
        } finally {
            callback.run();
        }
    }

    private Mono<Outcome> sweep() {
        return Flux.fromIterable(properties.collections())
                .concatMap(this::sweep)
                .reduce(Outcome.NONE, Outcome::plus);
    }

    private Mono<Outcome> sweep(String collection) {
        return mongo.getCollection(collection)
                .flatMapMany(documents -> pendingIds(collection, documents))
                .flatMap(id -> relay(collection, id), DOCUMENTS_IN_FLIGHT)
                .reduce(Outcome.NONE, Outcome::plus)
                .map(outcome -> outcome.full(outcome.documents() >= properties.batchSize()))
                .onErrorResume(error -> Mono.just(Outcome.failed(error)))
                .doOnNext(outcome -> meters.get(collection).record(outcome));
    }

    private Flux<Object> pendingIds(String collection, MongoCollection<Document> documents) {
        Instant now = Instant.now();
        Bson pending = Filters.and(
                Filters.exists(PENDING), leaseFree(Date.from(now)), Filters.nin("_id", resting.at(collection, now)));
        return Flux.from(documents
                        .find(pending)
                        .projection(Projections.include("_id"))
                        .limit(properties.batchSize()))
                .timeout(properties.deliveryTimeout())
                .map(document -> document.get("_id"));
    }

    /** Relays the events of one document, or nothing if another instance holds it or it has none left. */
    private Mono<Outcome> relay(String collection, Object id) {
        if (abandonSweep) {
            return Mono.just(Outcome.NONE);
        }
        Date leaseUntil = Date.from(Instant.now().plus(properties.lease()));
        return claim(collection, id, leaseUntil)
                .map(OutboxEvents::pendingIn)
                .flatMap(events -> publishInOrder(collection, id, events))
                .flatMap(outcome -> release(collection, id, leaseUntil).thenReturn(outcome))
                .defaultIfEmpty(Outcome.document(0, 0, null))
                .onErrorResume(error -> Mono.just(Outcome.document(0, 0, error)))
                .doOnNext(outcome -> rest(collection, id, outcome));
    }

    private void rest(String collection, Object id, Outcome outcome) {
        if (outcome.failure() == null) {
            resting.relayed(collection, id);
        } else {
            resting.failed(collection, id, outcome.pending(), Instant.now());
        }
    }

    private Mono<Document> claim(String collection, Object id, Date leaseUntil) {
        Bson claimable = Filters.and(Filters.eq("_id", id), Filters.exists(PENDING), leaseFree(new Date()));
        FindOneAndUpdateOptions returnClaimed = new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER);
        return mongo.getCollection(collection)
                .flatMap(documents -> Mono.from(
                        documents.findOneAndUpdate(claimable, Updates.set(LEASE_FIELD, leaseUntil), returnClaimed)))
                .timeout(properties.deliveryTimeout());
    }

    private static Bson leaseFree(Date now) {
        return Filters.or(Filters.exists(LEASE_FIELD, false), Filters.lt(LEASE_FIELD, now));
    }

    /** Publishes and removes the events one at a time, stopping at the first failure. */
    private Mono<Outcome> publishInOrder(String collection, Object id, List<OutboxEvent> events) {
        AtomicInteger published = new AtomicInteger();
        return Flux.fromIterable(events)
                .concatMap(event -> publishThenRemove(collection, id, event))
                .doOnNext(event -> published.incrementAndGet())
                .then(Mono.fromSupplier(() -> Outcome.document(published.get(), events.size(), null)))
                .onErrorResume(error -> Mono.just(Outcome.document(published.get(), events.size(), error)));
    }

    private Mono<OutboxEvent> publishThenRemove(String collection, Object id, OutboxEvent event) {
        return publish(event).then(remove(collection, id, event)).thenReturn(event);
    }

    private Mono<Void> publish(OutboxEvent event) {
        return Mono.defer(() -> abandonSweep ? Mono.error(new SweepAbandoned()) : send(event))
                // send() can block on metadata or a full buffer: keep that off the drivers' I/O threads.
                .subscribeOn(scheduler)
                .then();
    }

    private Mono<?> send(OutboxEvent event) {
        sent = true;
        return Mono.fromFuture(kafka.send(event.toProducerRecord(properties.source())))
                .doOnError(this::abandonSweepIfTheBrokerTimedOut);
    }

    /**
     * Without a broker every send blocks the relay's thread for the metadata wait: after the first
     * timeout the rest of the sweep gives up at once instead of timing out document by document.
     */
    private void abandonSweepIfTheBrokerTimedOut(Throwable error) {
        if (NestedExceptionUtils.getMostSpecificCause(error) instanceof TimeoutException) {
            abandonSweep = true;
        }
    }

    private Mono<Void> remove(String collection, Object id, OutboxEvent event) {
        Bson pull = Updates.pull(OutboxEvents.FIELD, new Document("id", event.id()));
        return mongo.getCollection(collection)
                .flatMap(documents -> Mono.from(documents.updateOne(Filters.eq("_id", id), pull)))
                .timeout(properties.deliveryTimeout())
                .then();
    }

    private Mono<Void> release(String collection, Object id, Date leaseUntil) {
        Bson ours = Filters.and(Filters.eq("_id", id), Filters.eq(LEASE_FIELD, leaseUntil));
        return mongo.getCollection(collection)
                .flatMap(documents -> Mono.from(documents.updateOne(ours, Updates.unset(LEASE_FIELD))))
                .timeout(properties.deliveryTimeout())
                .then()
                // An unreleased lease only delays this document until it runs out.
                .onErrorResume(error -> Mono.empty());
    }

    /**
     * What a sweep (or part of one) achieved.
     *
     * @param pending events found but not published, because publishing or removing one failed
     * @param failures documents whose relaying stopped at a failure, plus failed look-ups
     * @param failure the first failure, or null
     * @param full whether a collection had at least a batch of documents pending, so more may wait
     */
    record Outcome(int documents, int published, int pending, int failures, Throwable failure, boolean full) {

        static final Outcome NONE = new Outcome(0, 0, 0, 0, null, false);

        static Outcome document(int published, int found, Throwable failure) {
            return new Outcome(1, published, found - published, failure == null ? 0 : 1, failure, false);
        }

        static Outcome failed(Throwable failure) {
            return new Outcome(0, 0, 0, 1, failure, false);
        }

        Outcome plus(Outcome other) {
            return new Outcome(
                    documents + other.documents,
                    published + other.published,
                    pending + other.pending,
                    failures + other.failures,
                    // The cause is what the log should show, not that the rest of the sweep gave up.
                    failure == null || failure instanceof SweepAbandoned && other.failure != null
                            ? other.failure
                            : failure,
                    full || other.full);
        }

        Outcome full(boolean full) {
            return new Outcome(documents, published, pending, failures, failure, full);
        }
    }

    private static final class CollectionMeters {

        private final Counter published;
        private final Counter failures;

        CollectionMeters(String collection, MeterRegistry registry, RestingDocuments resting) {
            published = Counter.builder("newsroom.outbox.published")
                    .description("Events published from the outbox and removed from their documents")
                    .tag("collection", collection)
                    .register(registry);
            failures = Counter.builder("newsroom.outbox.failures")
                    .description("Attempts to relay a document's events that stopped at a failure")
                    .tag("collection", collection)
                    .register(registry);
            Gauge.builder("newsroom.outbox.pending", resting, documents -> documents.pending(collection))
                    .description("Events in documents whose last relay attempt failed; above zero means Kafka or "
                            + "MongoDB is failing")
                    .tag("collection", collection)
                    .register(registry);
        }

        void record(Outcome outcome) {
            published.increment(outcome.published());
            failures.increment(outcome.failures());
        }
    }

    /** Left for the next sweep because an earlier send in this one timed out, or the relay stops. */
    private static final class SweepAbandoned extends RuntimeException {

        SweepAbandoned() {
            super("left for the next sweep", null, false, false);
        }
    }
}
