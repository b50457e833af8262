package dev.newsroom.platform.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads where consumer groups stand on their topics, from outside the groups: their committed
 * offsets and the topics' partitions and first and last offsets (through the admin client), and the
 * time of the record at a given offset (through a consumer assigned only to read it). It never joins a group and never commits, so watching a group changes nothing
 * for it. Not thread-safe: one thread uses it (the Kafka consumer inside allows no other).
 */
final class TopicOffsets implements AutoCloseable {

    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> reader;
    private final Duration timeout;

    TopicOffsets(String brokers, Duration timeout) {
        this.timeout = timeout;
        int millis = Math.toIntExact(timeout.toMillis());
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                AdminClientConfig.CLIENT_ID_CONFIG, "newsroom-lag-admin",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis));
        this.reader = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        brokers,
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        "newsroom-lag-reader",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        1,
                        ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                        millis,
                        ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                        millis),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    /**
     * The partitions of {@code topics} that exist. Asked of the admin client, so a topic nobody has
     * written to yet is neither created nor logged about: it simply has none.
     */
    List<TopicPartition> partitions(Collection<String> topics) throws Exception {
        List<TopicPartition> partitions = new ArrayList<>();
        for (Map.Entry<String, KafkaFuture<TopicDescription>> topic :
                admin.describeTopics(topics).topicNameValues().entrySet()) {
            try {
                topic.getValue()
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                        .partitions()
                        .forEach(info -> partitions.add(new TopicPartition(topic.getKey(), info.partition())));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
        }
        return partitions;
    }

    /** The group's committed offsets, by partition; a partition it never committed on is absent. */
    Map<TopicPartition, Long> committed(String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> committed = new HashMap<>();
        offsets.forEach((partition, offset) -> {
            if (offset != null) {
                committed.put(partition, offset.offset());
            }
        });
        return committed;
    }

    Map<TopicPartition, Long> beginnings(Collection<TopicPartition> partitions) throws Exception {
        return offsets(partitions, OffsetSpec.earliest());
    }

    Map<TopicPartition, Long> ends(Collection<TopicPartition> partitions) throws Exception {
        return offsets(partitions, OffsetSpec.latest());
    }

    /**
     * Asked of the admin client rather than the consumer: a consumer asked about partitions it is
     * not assigned warns about each of them in its log.
     */
    private Map<TopicPartition, Long> offsets(Collection<TopicPartition> partitions, OffsetSpec spec) throws Exception {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(partition -> request.put(partition, spec));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listOffsets(request)
                .all()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    /** When the record at {@code offset} (or the first one after it still kept) was written. */
    Optional<Instant> timeOf(TopicPartition partition, long offset) {
        reader.assign(List.of(partition));
        reader.seek(partition, offset);
        for (ConsumerRecord<byte[], byte[]> record : reader.poll(timeout).records(partition)) {
            return Optional.of(Instant.ofEpochMilli(record.timestamp()));
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        reader.close(Duration.ofSeconds(1));
        admin.close(Duration.ofSeconds(1));
    }
}
