package dev.newsroom.platform.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The relay's own metrics for one collection: what it published, what failed, and what this instance
 * holds back after failures. What waits in the store as a whole is {@link OutboxBacklog}'s.
 */
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
        Gauge.builder("newsroom.outbox.failing", resting, documents -> documents.pending(collection))
                .description("Events in documents whose last relay attempt on this instance failed; above zero "
                        + "means Kafka or MongoDB is failing")
                .tag("collection", collection)
                .register(registry);
    }

    void record(OutboxOutcome outcome) {
        published.increment(outcome.published());
        failures.increment(outcome.failures());
    }
}
