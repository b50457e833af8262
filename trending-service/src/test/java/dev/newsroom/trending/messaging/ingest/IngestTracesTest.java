package dev.newsroom.trending.messaging.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.platform.tracing.MessageTraces;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The ingest's spans continue the traces its records carry, and its batch span links to them. */
class IngestTracesTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exported))
            .build();
    private final IngestTraces traces = new IngestTraces(
            new MessageTraces(new OtelTracer(provider.get("test"), new OtelCurrentTraceContext(), event -> {})));

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void aTracedRecordGetsAConsumerSpanInItsTraceAndTheBatchASpanLinkedToIt() {
        traces.received(record("newsroom.comments.v1", 7, "00-" + TRACE + "-00f067aa0ba902b7-01"));
        traces.received(record("newsroom.article-views.v1", 8, null));
        traces.applied(2);

        List<SpanData> spans = exported.getFinishedSpanItems();
        assertThat(spans).hasSize(2);
        SpanData ingest = spans.stream()
                .filter(span -> span.getName().equals("ingest newsroom.comments.v1"))
                .findFirst()
                .orElseThrow();
        assertThat(ingest.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(ingest.getTraceId()).isEqualTo(TRACE);
        assertThat(ingest.getParentSpanId()).isEqualTo("00f067aa0ba902b7");

        SpanData batch = spans.stream()
                .filter(span -> span.getName().equals("trending ingest batch"))
                .findFirst()
                .orElseThrow();
        assertThat(batch.getTraceId()).as("a trace of its own").isNotEqualTo(TRACE);
        assertThat(batch.getLinks())
                .singleElement()
                .satisfies(link -> assertThat(link.getSpanContext().getSpanId()).isEqualTo(ingest.getSpanId()));
    }

    @Test
    void aBatchWithoutTracedRecordsOrWithAMalformedTraceMakesNoSpans() {
        traces.received(record("newsroom.article-views.v1", 1, null));
        traces.received(record("newsroom.comments.v1", 2, "00-zzzz-bad"));
        traces.applied(2);

        assertThat(exported.getFinishedSpanItems()).isEmpty();
    }

    @Test
    void aFailedBatchEndsItsRecordsSpansAsFailed() {
        traces.received(record("newsroom.articles.v1", 3, "00-" + TRACE + "-00f067aa0ba902b7-01"));
        traces.failed(new IllegalStateException("store down"));
        traces.applied(1);

        assertThat(exported.getFinishedSpanItems())
                .singleElement()
                .satisfies(span -> assertThat(span.getStatus().getStatusCode())
                        .isEqualTo(io.opentelemetry.api.trace.StatusCode.ERROR));
    }

    private static ConsumerRecord<String, byte[]> record(String topic, long offset, String traceparent) {
        ConsumerRecord<String, byte[]> record =
                new ConsumerRecord<>(topic, 0, offset, "article-1", "{}".getBytes(StandardCharsets.UTF_8));
        if (traceparent != null) {
            record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }
}
