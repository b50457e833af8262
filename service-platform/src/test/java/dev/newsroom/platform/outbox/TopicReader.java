package dev.newsroom.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads one topic from the start with a plain consumer, as any other system would. */
final class TopicReader implements AutoCloseable {

    /** Generous: a deadline for things to happen at all, not a measure of how fast they happen. */
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> records = new ArrayList<>();

    TopicReader(String topic) {
        consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        System.getProperty("spring.kafka.bootstrap-servers"),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "outbox-test-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new StringDeserializer());
        consumer.subscribe(List.of(topic));
    }

    /** Every record read so far, once at least {@code count} have arrived. */
    List<ConsumerRecord<String, String>> await(int count) {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (records.size() < count && Instant.now().isBefore(deadline)) {
            poll(Duration.ofMillis(200));
        }
        assertThat(records).as("records on the topic").hasSizeGreaterThanOrEqualTo(count);
        return List.copyOf(records);
    }

    /** Every record read so far, after listening for {@code quiet} more. */
    List<ConsumerRecord<String, String>> readFor(Duration quiet) {
        Instant until = Instant.now().plus(quiet);
        while (Instant.now().isBefore(until)) {
            poll(Duration.ofMillis(100));
        }
        return List.copyOf(records);
    }

    private void poll(Duration timeout) {
        consumer.poll(timeout).forEach(records::add);
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
