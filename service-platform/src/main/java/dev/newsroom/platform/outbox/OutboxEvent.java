package dev.newsroom.platform.outbox;

import dev.newsroom.platform.messaging.CloudEventHeaders;
import dev.newsroom.platform.tracing.CurrentCorrelation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.data.mongodb.core.mapping.Field;
import tools.jackson.databind.ObjectMapper;

/**
 * One event waiting to be published, kept in the {@code outbox} array of the aggregate's own
 * MongoDB document so that it is written by the same single-document update as the change it
 * announces. {@link OutboxRelay} publishes it as a CloudEvents 1.0 Kafka record in binary mode and
 * then removes it from the array.
 *
 * <p>An aggregate class maps it as {@code List<OutboxEvent> outbox}; the stored shape is {@code {id,
 * type, topic, key, subject, time, data, traceparent}}.
 *
 * @param id the CloudEvents id ({@code ce_id}), a UUID: consumers deduplicate on it, because a
 *     relay that crashes between publishing and removing publishes the same event again
 * @param type the CloudEvents type ({@code ce_type}), e.g. {@code newsroom.user.registered.v1}
 * @param topic the Kafka topic, e.g. {@code newsroom.users.v1}
 * @param key the Kafka record key: the aggregate id, so one aggregate's events stay on one
 *     partition in order
 * @param subject the CloudEvents subject ({@code ce_subject}), normally the aggregate id too
 * @param time when it happened ({@code ce_time}), in milliseconds because that is what MongoDB
 *     stores
 * @param data the event as JSON, published byte for byte as the record value
 * @param traceparent the W3C trace context of the request that wrote the event, or null: the relay
 *     publishes the record in a span that continues that trace (docs/operations.md, "Following one
 *     request"), so that the consumers' spans join the request's trace although the record leaves
 *     later, from another thread or another instance
 */
public record OutboxEvent(
        // Without the explicit name Spring Data stores a nested "id" property as "_id".
        @Field("id") String id,
        String type,
        String topic,
        String key,
        String subject,
        Instant time,
        String data,
        String traceparent) {

    public OutboxEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
    }

    /**
     * A new event about the aggregate {@code key}, happening now, with {@code data} serialised by
     * {@code json} (use the application's {@code JsonMapper} bean so events look like every other
     * JSON the service writes). The subject is the aggregate id. It carries the trace of the request
     * being handled on this thread ({@link CurrentCorrelation}), if any.
     */
    public static OutboxEvent of(String topic, String type, String key, Object data, ObjectMapper json) {
        return of(topic, type, key, key, data, json);
    }

    /** As {@link #of(String, String, String, Object, ObjectMapper)}, with a subject that is not the key. */
    public static OutboxEvent of(
            String topic, String type, String key, String subject, Object data, ObjectMapper json) {
        return new OutboxEvent(
                UUID.randomUUID().toString(),
                type,
                topic,
                key,
                subject,
                // Truncated so that the event read back from MongoDB equals the one written.
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                json.writeValueAsString(data),
                CurrentCorrelation.traceparent());
    }

    /**
     * This event as a Kafka record in CloudEvents 1.0 binary mode: the data is the value, the
     * attributes are headers written by {@link CloudEventHeaders}, and the key is the aggregate id.
     */
    public ProducerRecord<String, byte[]> toProducerRecord(String source) {
        RecordHeaders headers = CloudEventHeaders.of(new CloudEventHeaders.Event(id, source, type, time, subject));
        return new ProducerRecord<>(topic, null, key, data.getBytes(StandardCharsets.UTF_8), headers);
    }
}
