package dev.newsroom.platform.messaging;

import dev.newsroom.infra.junit.SharedInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes events to the broker {@link SharedInfrastructure} started, as a Newsroom service's outbox
 * relay does: JSON data with the CloudEvents binary-mode headers, keyed by the aggregate. Tests use
 * it to play the producer of the events a service consumes.
 */
public final class TopicWriter implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final String source;

    /** {@code source} is the CloudEvents source of every event, e.g. {@code /newsroom/article-service}. */
    public TopicWriter(String source) {
        this.source = source;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                System.getProperty("spring.kafka.bootstrap-servers"),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class));
    }

    /**
     * Sends one event to {@code partition} of {@code topic} (null: the key's partition) and waits
     * until the broker has it; returns {@code ceId}.
     */
    public String send(String topic, Integer partition, String key, String type, String ceId, String data) {
        RecordHeaders headers =
                CloudEventHeaders.of(new CloudEventHeaders.Event(ceId, source, type, Instant.now(), key));
        try {
            producer.send(new ProducerRecord<>(topic, partition, key, data.getBytes(StandardCharsets.UTF_8), headers))
                    .get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not send a test event of type " + type + " to " + topic, e);
        }
        return ceId;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
