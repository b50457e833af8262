package dev.newsroom.platform.messaging;

import dev.newsroom.infra.junit.SharedInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from its start, as an outside consumer of Newsroom's events would, from the broker
 * {@link SharedInfrastructure} started.
 */
public final class TopicReader implements AutoCloseable {

    /** One record as a consumer sees it. */
    public record Event(String key, String value, Map<String, String> headers) {
        public String type() {
            return headers.get(CloudEventHeaders.Attribute.TYPE.header());
        }
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Event> seen = new ArrayList<>();

    public TopicReader(String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                System.getProperty("spring.kafka.bootstrap-servers"),
                ConsumerConfig.GROUP_ID_CONFIG,
                "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                // A topic created after the subscription (by its first event) is found within a poll or two.
                ConsumerConfig.METADATA_MAX_AGE_CONFIG,
                500,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class));
        consumer.subscribe(List.of(topic));
    }

    /** Polls until {@code count} events match or the deadline passes; returns what matched. */
    public List<Event> await(Predicate<Event> wanted, int count, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        while (matching(wanted).size() < count && System.nanoTime() < end) {
            poll(Duration.ofMillis(200));
        }
        return matching(wanted);
    }

    /** Keeps reading for {@code quiet} so late duplicates would show up. */
    public List<Event> settle(Predicate<Event> wanted, Duration quiet) {
        long end = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < end) {
            poll(Duration.ofMillis(200));
        }
        return matching(wanted);
    }

    private void poll(Duration timeout) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
            Map<String, String> headers = new HashMap<>();
            for (Header header : record.headers()) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
            // A tombstone (null value) is an event too: a compacted topic deletes a key with it.
            String value = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
            seen.add(new Event(record.key(), value, headers));
        }
    }

    private List<Event> matching(Predicate<Event> wanted) {
        return seen.stream().filter(wanted).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
