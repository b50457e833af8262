package dev.newsroom.platform.tracing;

import dev.newsroom.platform.messaging.CloudEventHeaders;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Spans around Kafka records that Newsroom's own code sends and reads (the outbox relay,
 * trending-service's consumers), continuing the trace a record carries in its {@value
 * TraceParents#HEADER} header. Spring Cloud Stream's listeners need none of this: the binder's
 * observation reads the same header.
 *
 * <p>A record carries its trace twice, with the same value: as {@value TraceParents#HEADER}, the
 * W3C header that Kafka instrumentations (Spring Kafka's, OpenTelemetry's) read, and as {@code
 * ce_traceparent}, the CloudEvents distributed-tracing extension attribute in binary mode.
 */
public final class MessageTraces {

    /** No tracer: no spans, no headers. */
    public static final MessageTraces OFF = new MessageTraces(null);

    private final Tracer tracer;

    public MessageTraces(Tracer tracer) {
        this.tracer = tracer;
    }

    /**
     * Starts a span of {@code kind} named {@code name}, the child of the span {@code traceparent}
     * names; null when tracing is off or {@code traceparent} is missing or malformed (a record
     * without a trace starts none: most would be noise, such as page views).
     */
    public Span startChild(String traceparent, Span.Kind kind, String name) {
        TraceContext parent = contextOf(traceparent);
        if (parent == null) {
            return null;
        }
        return tracer.spanBuilder()
                .setParent(parent)
                .kind(kind)
                .name(name)
                .tag("messaging.system", "kafka")
                .start();
    }

    /** The span context {@code traceparent} names, or null (also when tracing is off). */
    public TraceContext contextOf(String traceparent) {
        String valid = TraceParents.valid(traceparent);
        return tracer == null || valid == null ? null : TraceParents.context(tracer, valid);
    }

    /** A new span builder, or null when tracing is off. */
    public Span.Builder spanBuilder() {
        return tracer == null ? null : tracer.spanBuilder();
    }

    /** Writes {@code span}'s context on a record, replacing any trace it carried. */
    public static void write(Span span, Headers headers) {
        TraceContext context = span.context();
        byte[] value = TraceParents.format(context.traceId(), context.spanId(), Boolean.TRUE.equals(context.sampled()))
                .getBytes(StandardCharsets.UTF_8);
        headers.remove(TraceParents.HEADER);
        headers.remove(CloudEventHeaders.Attribute.TRACEPARENT.header());
        headers.add(TraceParents.HEADER, value);
        headers.add(CloudEventHeaders.Attribute.TRACEPARENT.header(), value);
    }

    /** The trace a record carries (the W3C header, else the CloudEvents attribute), or null. */
    public static String traceparent(Headers headers) {
        Header header = headers.lastHeader(TraceParents.HEADER);
        if (header == null) {
            header = headers.lastHeader(CloudEventHeaders.Attribute.TRACEPARENT.header());
        }
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
