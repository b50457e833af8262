package dev.newsroom.trending.messaging.ingest;

import dev.newsroom.platform.tracing.MessageTraces;
import io.micrometer.tracing.Link;
import io.micrometer.tracing.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The ingest's spans, for the records that carry a trace (articles and comments written by a
 * traced request; views carry none): each such record gets a consumer span in its own trace, the
 * child of the publishing span, from its decoding to its change being applied in memory; and the
 * batch gets one span of its own, linked to each of those, since one batch serves many traces.
 * Records without a trace cost one header look-up. Used by the ingest thread only.
 */
final class IngestTraces {

    private final MessageTraces traces;
    private final List<Span> open = new ArrayList<>();
    /** When the batch's first traced record arrived. */
    private long batchStartMillis;

    IngestTraces(MessageTraces traces) {
        this.traces = traces;
    }

    /** Starts the span of {@code record}, if it carries a trace. */
    void received(ConsumerRecord<String, byte[]> record) {
        String traceparent = MessageTraces.traceparent(record.headers());
        if (traceparent == null) {
            return;
        }
        Span span = traces.startChild(traceparent, Span.Kind.CONSUMER, "ingest " + record.topic());
        if (span != null) {
            if (open.isEmpty()) {
                batchStartMillis = System.currentTimeMillis();
            }
            span.tag("messaging.destination.name", record.topic())
                    .tag("messaging.kafka.offset", record.offset())
                    .tag("messaging.kafka.destination.partition", record.partition())
                    .remoteServiceName("kafka");
            open.add(span);
        }
    }

    /**
     * The batch of {@code records} records is applied: ends the records' spans and records the
     * batch's, from its first traced record on, linked to them.
     */
    void applied(int records) {
        if (open.isEmpty()) {
            return;
        }
        Span.Builder batch = traces.spanBuilder()
                .setNoParent()
                .kind(Span.Kind.CONSUMER)
                .name("trending ingest batch")
                .tag("messaging.batch.message_count", records)
                .startTimestamp(batchStartMillis, TimeUnit.MILLISECONDS);
        for (Span span : open) {
            batch.addLink(new Link(span));
            span.end();
        }
        open.clear();
        batch.start().end();
    }

    /** The batch failed: its records' spans end as failed (they are read again). */
    void failed(Throwable failure) {
        for (Span span : open) {
            span.error(failure).end();
        }
        open.clear();
    }
}
