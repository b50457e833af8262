package dev.newsroom.platform.outbox;

import dev.newsroom.platform.outbox.OutboxOutcome.SweepAbandoned;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.errors.TimeoutException;
import org.springframework.core.NestedExceptionUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * One pass of the relay over its collections: for each document with pending events, claim it,
 * publish its events one after another in array order (each acknowledged, then removed, before the
 * next is sent), stop that document at its first failure, and release it. A document that failed
 * rests ({@link RestingDocuments}) with its own growing back-off, so that it holds no other
 * document back.
 */
final class OutboxSweep {

    /** Documents relayed at once: each is sequential inside, so this is what fills the producer's batches. */
    private static final int DOCUMENTS_IN_FLIGHT = 16;

    private final OutboxDocuments documents;
    private final OutboxSender sender;
    private final OutboxProperties properties;
    private final Scheduler scheduler;
    private final RestingDocuments resting = new RestingDocuments();
    private final Map<String, OutboxMeters> meters = new ConcurrentHashMap<>();
    /** Set when the rest of a sweep would only wait in vain: the broker timed out, or the relay stops. */
    private volatile boolean abandoned;

    /** @param scheduler where sends run, off the drivers' I/O threads */
    OutboxSweep(
            OutboxDocuments documents,
            OutboxSender sender,
            OutboxProperties properties,
            Scheduler scheduler,
            MeterRegistry registry) {
        this.documents = documents;
        this.sender = sender;
        this.properties = properties;
        this.scheduler = scheduler;
        for (String collection : properties.collections()) {
            meters.put(collection, new OutboxMeters(collection, registry, resting));
        }
    }

    /** Sweeps every collection once, one after another. */
    Mono<OutboxOutcome> run() {
        abandoned = false;
        return Flux.fromIterable(properties.collections())
                .concatMap(this::sweep)
                .reduce(OutboxOutcome.NONE, OutboxOutcome::plus);
    }

    /** Makes the sweep in progress send nothing new: the relay stops. */
    void abandon() {
        abandoned = true;
    }

    private Mono<OutboxOutcome> sweep(String collection) {
        return Flux.defer(() -> {
                    Instant now = Instant.now();
                    return documents.pendingIds(collection, now, resting.at(collection, now));
                })
                .flatMap(id -> relay(collection, id), DOCUMENTS_IN_FLIGHT)
                .reduce(OutboxOutcome.NONE, OutboxOutcome::plus)
                .map(outcome -> outcome.full(outcome.documents() >= properties.batchSize()))
                .onErrorResume(error -> Mono.just(OutboxOutcome.failed(error)))
                .doOnNext(outcome -> meters.get(collection).record(outcome));
    }

    /** Relays the events of one document, or nothing if another instance holds it or it has none left. */
    private Mono<OutboxOutcome> relay(String collection, Object id) {
        if (abandoned) {
            return Mono.just(OutboxOutcome.NONE);
        }
        Date leaseUntil = Date.from(Instant.now().plus(properties.lease()));
        return documents
                .claim(collection, id, leaseUntil)
                .map(OutboxEvents::pendingIn)
                .flatMap(events -> publishInOrder(collection, id, events))
                .flatMap(
                        outcome -> documents.release(collection, id, leaseUntil).thenReturn(outcome))
                .defaultIfEmpty(OutboxOutcome.document(0, 0, null))
                .onErrorResume(error -> Mono.just(OutboxOutcome.document(0, 0, error)))
                .doOnNext(outcome -> rest(collection, id, outcome));
    }

    private void rest(String collection, Object id, OutboxOutcome outcome) {
        if (outcome.failure() == null) {
            resting.relayed(collection, id);
        } else {
            resting.failed(collection, id, outcome.pending(), Instant.now());
        }
    }

    /** Publishes and removes the events one at a time, stopping at the first failure. */
    private Mono<OutboxOutcome> publishInOrder(String collection, Object id, List<OutboxEvent> events) {
        AtomicInteger published = new AtomicInteger();
        return Flux.fromIterable(events)
                .concatMap(event -> publish(event)
                        .then(documents.remove(collection, id, event))
                        .thenReturn(event))
                .doOnNext(event -> published.incrementAndGet())
                .then(Mono.fromSupplier(() -> OutboxOutcome.document(published.get(), events.size(), null)))
                .onErrorResume(error -> Mono.just(OutboxOutcome.document(published.get(), events.size(), error)));
    }

    private Mono<Void> publish(OutboxEvent event) {
        return Mono.defer(() -> abandoned
                        ? Mono.error(new SweepAbandoned())
                        : sender.send(event).doOnError(this::abandonIfTheBrokerTimedOut))
                // send() can block on metadata or a full buffer: keep that off the drivers' I/O threads.
                .subscribeOn(scheduler)
                .then();
    }

    /**
     * Without a broker every send blocks the relay's thread for the metadata wait: after the first
     * timeout the rest of the sweep gives up at once instead of timing out document by document.
     */
    private void abandonIfTheBrokerTimedOut(Throwable error) {
        if (NestedExceptionUtils.getMostSpecificCause(error) instanceof TimeoutException) {
            abandoned = true;
        }
    }
}
