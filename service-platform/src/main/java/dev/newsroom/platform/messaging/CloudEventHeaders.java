package dev.newsroom.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The one place that knows how a CloudEvents 1.0 event sits in a Kafka record in binary mode: its
 * attributes are {@code ce_<name>} headers in UTF-8, the data is the record's value and its media
 * type the {@code content-type} header. Every producer (the outbox relay, trending-service's
 * publisher, the test writers) and every consumer (Spring Cloud Stream listeners, trending-service's
 * plain consumers through {@link EventMessages}, the dead-letter listing) goes through it, so that the wire format other systems
 * read is written down once.
 *
 * <p>Hand-written rather than the CloudEvents SDK's Kafka binding: Newsroom needs three attributes
 * read from two kinds of header (Kafka's and Spring's, which the binder fills from Kafka's), and the
 * SDK's reader builds a whole event object per record on trending-service's hot path.
 */
public final class CloudEventHeaders {

    /** The CloudEvents version Newsroom writes. */
    public static final String SPEC_VERSION = "1.0";

    private static final String PREFIX = "ce_";
    private static final String CONTENT_TYPE = "content-type";

    /** A context attribute of a CloudEvent, by its CloudEvents name. */
    public enum Attribute {
        SPECVERSION("specversion"),
        ID("id"),
        SOURCE("source"),
        TYPE("type"),
        TIME("time"),
        SUBJECT("subject"),
        /** The distributed-tracing extension's W3C trace context, see {@code MessageTraces}. */
        TRACEPARENT("traceparent");

        private final String header;

        Attribute(String name) {
            this.header = PREFIX + name;
        }

        /** The Kafka header that carries it. */
        public String header() {
            return header;
        }
    }

    /**
     * The attributes Newsroom writes on every event.
     *
     * @param id unique per event: consumers deduplicate on it
     * @param source the producing service, e.g. {@code /newsroom/article-service}
     * @param type e.g. {@code newsroom.article.published.v1}; the version is part of the name
     * @param time when it happened
     * @param subject the aggregate the event is about (also the record key); may be null
     */
    public record Event(String id, String source, String type, Instant time, String subject) {}

    private CloudEventHeaders() {}

    /** New record headers for {@code event} with JSON data. */
    public static RecordHeaders of(Event event) {
        RecordHeaders headers = new RecordHeaders();
        write(headers, Attribute.SPECVERSION, SPEC_VERSION);
        write(headers, Attribute.ID, event.id());
        write(headers, Attribute.SOURCE, event.source());
        write(headers, Attribute.TYPE, event.type());
        write(headers, Attribute.TIME, DateTimeFormatter.ISO_INSTANT.format(event.time()));
        if (event.subject() != null) {
            write(headers, Attribute.SUBJECT, event.subject());
        }
        headers.add(CONTENT_TYPE, "application/json".getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    /** The event's type from a Kafka record's headers, or null when it has none. */
    public static String type(Headers headers) {
        return read(headers, Attribute.TYPE);
    }

    /** The event's id from a Kafka record's headers, or null when it has none. */
    public static String id(Headers headers) {
        return read(headers, Attribute.ID);
    }

    /** An attribute from a Kafka record's headers (the last one, if repeated), or null. */
    public static String read(Headers headers, Attribute attribute) {
        Header header = headers.lastHeader(attribute.header());
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void write(RecordHeaders headers, Attribute attribute, String value) {
        headers.add(attribute.header(), value.getBytes(StandardCharsets.UTF_8));
    }
}
