package dev.newsroom.platform.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** The relay's metrics for one collection: what it published, what failed, and what still waits. */
final class OutboxMeters {

    private final Counter published;
    private final Counter failures;

    OutboxMeters(String collection, MeterRegistry registry, RestingDocuments resting) {
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

    void record(OutboxOutcome outcome) {
        published.increment(outcome.published());
        failures.increment(outcome.failures());
    }
}
