package dev.newsroom.platform.deadletter;

import dev.newsroom.platform.messaging.CloudEventHeaders;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Lists a service's dead-letter topics and re-drives them: each dead letter is sent back, unchanged
 * (key, value, CloudEvents headers), to the topic it came from ({@code x-original-topic}), so the
 * consumer tries it again once whatever made it fail is fixed. How far a topic has been re-driven
 * is kept as the committed offsets of the consumer group {@code <dead-letter topic>.redrive}: a
 * letter is re-driven once, however often the operator asks.
 */
public class DeadLetters {

    /** A dead letter as an operator sees it. */
    public record DeadLetter(
            int partition,
            long offset,
            String key,
            String originalTopic,
            String type,
            String eventId,
            String reason,
            Instant deadAt,
            boolean redriven) {}

    /** What a re-drive did. */
    public record Redriven(String topic, int redriven, Map<String, Integer> byOriginalTopic) {}

    /**
     * The headers a dead letter carries besides the original ones (the names the Spring Cloud Stream
     * binder uses, so every service's dead letters read the same whichever way they were written).
     */
    public static final String ORIGINAL_TOPIC = "x-original-topic";

    public static final String ORIGINAL_PARTITION = "x-original-partition";
    public static final String ORIGINAL_OFFSET = "x-original-offset";
    public static final String EXCEPTION_MESSAGE = "x-exception-message";
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration READ_LIMIT = Duration.ofSeconds(15);

    private final String brokers;
    private final List<String> topics;
    private final MeterRegistry registry;

    public DeadLetters(String brokers, List<String> topics) {
        this(brokers, topics, new SimpleMeterRegistry());
    }

    /** @param registry where {@code newsroom.deadletters.redriven} (tag {@code topic}) counts re-driven letters */
    public DeadLetters(String brokers, List<String> topics, MeterRegistry registry) {
        this.brokers = brokers;
        this.topics = List.copyOf(topics);
        this.registry = registry;
        for (String topic : this.topics) {
            redriven(topic);
        }
    }

    private Counter redriven(String topic) {
        return Counter.builder("newsroom.deadletters.redriven")
                .description("Dead letters sent back to their original topic")
                .tag("topic", topic)
                .register(registry);
    }

    public List<String> topics() {
        return topics;
    }

    /** Every dead letter of {@code topic}, oldest first per partition, and whether it was re-driven. */
    public List<DeadLetter> list(String topic) {
        requireKnown(topic);
        List<DeadLetter> letters = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(null)) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            Map<TopicPartition, OffsetAndMetadata> redriven = committed(topic, partitions);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            readToEnd(consumer, partitions, record -> {
                OffsetAndMetadata done = redriven.get(new TopicPartition(topic, record.partition()));
                letters.add(describe(record, done != null && record.offset() < done.offset()));
            });
        }
        return letters;
    }

    /** Sends every dead letter of {@code topic} not re-driven yet back to its original topic. */
    public Redriven redrive(String topic) {
        requireKnown(topic);
        Map<String, Integer> byOriginal = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(topic + ".redrive");
                KafkaProducer<byte[], byte[]> producer = producer()) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            Map<TopicPartition, OffsetAndMetadata> done = consumer.committed(new java.util.HashSet<>(partitions));
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata position = done.get(partition);
                if (position == null) {
                    consumer.seekToBeginning(List.of(partition));
                } else {
                    consumer.seek(partition, position.offset());
                }
            }
            Map<TopicPartition, OffsetAndMetadata> progress = new HashMap<>();
            readToEnd(consumer, partitions, record -> {
                String original = header(record, ORIGINAL_TOPIC);
                if (original != null) {
                    producer.send(new ProducerRecord<>(
                            original, null, record.key(), record.value(), withoutDeadLetterHeaders(record)));
                    byOriginal.merge(original, 1, Integer::sum);
                }
                progress.put(new TopicPartition(topic, record.partition()), new OffsetAndMetadata(record.offset() + 1));
            });
            // Sent before the position moves on: a crash in between re-drives a letter twice, never zero times.
            producer.flush();
            if (!progress.isEmpty()) {
                consumer.commitSync(progress);
            }
        }
        int total = byOriginal.values().stream().mapToInt(Integer::intValue).sum();
        redriven(topic).increment(total);
        return new Redriven(topic, total, byOriginal);
    }

    private void requireKnown(String topic) {
        if (!topics.contains(topic)) {
            throw new IllegalArgumentException("not a dead-letter topic of this service: " + topic);
        }
    }

    private static void readToEnd(
            KafkaConsumer<byte[], byte[]> consumer,
            List<TopicPartition> partitions,
            Consumer<ConsumerRecord<byte[], byte[]>> each) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        long deadline = System.nanoTime() + READ_LIMIT.toNanos();
        while (!reached(consumer, ends) && System.nanoTime() < deadline) {
            consumer.poll(POLL).forEach(each);
        }
    }

    private static boolean reached(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<PartitionInfo> found = consumer.partitionsFor(topic, Duration.ofSeconds(10));
        if (found == null) {
            return List.of();
        }
        return found.stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
    }

    private Map<TopicPartition, OffsetAndMetadata> committed(String topic, List<TopicPartition> partitions) {
        try (KafkaConsumer<byte[], byte[]> group = consumer(topic + ".redrive")) {
            Map<TopicPartition, OffsetAndMetadata> committed = group.committed(new java.util.HashSet<>(partitions));
            Map<TopicPartition, OffsetAndMetadata> known = new HashMap<>();
            committed.forEach((partition, offset) -> {
                if (offset != null) {
                    known.put(partition, offset);
                }
            });
            return known;
        }
    }

    private static DeadLetter describe(ConsumerRecord<byte[], byte[]> record, boolean redriven) {
        return new DeadLetter(
                record.partition(),
                record.offset(),
                record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                header(record, ORIGINAL_TOPIC),
                CloudEventHeaders.type(record.headers()),
                CloudEventHeaders.id(record.headers()),
                header(record, EXCEPTION_MESSAGE),
                Instant.ofEpochMilli(record.timestamp()),
                redriven);
    }

    private static RecordHeaders withoutDeadLetterHeaders(ConsumerRecord<byte[], byte[]> record) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().startsWith("x-")) {
                headers.add(header);
            }
        }
        return headers;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private KafkaConsumer<byte[], byte[]> consumer(String group) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        if (group != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
