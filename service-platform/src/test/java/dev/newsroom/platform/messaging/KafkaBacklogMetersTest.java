package dev.newsroom.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.infra.junit.SharedInfrastructure;
import dev.newsroom.platform.messaging.KafkaBacklogMeters.WatchedGroup;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The backlog gauges against the shared broker: what a group has not processed, and how old it is. */
@SharedInfrastructure
class KafkaBacklogMetersTest {

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String topic = "test.backlog." + suffix + ".v1";
    private final String group = "backlog-" + suffix;
    private final String deadLetters = topic + ".backlog-service.dlq";
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private KafkaBacklogMeters meters;

    @AfterEach
    void close() {
        if (meters != null) {
            meters.destroy();
        }
    }

    @Test
    void aGroupBehindShowsItsLagAndTheAgeOfItsOldestRecordUntilItCommitsPastThem() throws Exception {
        Instant now = Instant.now();
        // One key, so all three land on one partition, the first written 30 s "ago" by its timestamp.
        send(topic, now.minusSeconds(30), now.minusSeconds(5), now);
        meters = meters();

        meters.measure();

        assertThat(sum("newsroom.consumer.lag")).isEqualTo(3);
        assertThat(max("newsroom.consumer.oldest.age")).isBetween(29.0, 120.0);
        assertThat(registry.find("newsroom.consumer.lag")
                        .tags("group", group, "topic", topic)
                        .gauges())
                .hasSize(3); // every partition of the topic, the empty ones at 0

        commitToEnd(group, topic);
        meters.measure();

        assertThat(sum("newsroom.consumer.lag")).isZero();
        assertThat(max("newsroom.consumer.oldest.age")).isZero();
    }

    @Test
    void deadLettersWaitUntilTheRedriveGroupHasPassedThem() throws Exception {
        Instant now = Instant.now();
        send(deadLetters, now, now);
        meters = meters();

        meters.measure();
        assertThat(registry.get("newsroom.deadletters.waiting")
                        .tag("topic", deadLetters)
                        .gauge()
                        .value())
                .isEqualTo(2);

        commitToEnd(deadLetters + ".redrive", deadLetters);
        meters.measure();
        assertThat(registry.get("newsroom.deadletters.waiting")
                        .tag("topic", deadLetters)
                        .gauge()
                        .value())
                .isZero();
    }

    @Test
    void aTopicNobodyWroteToYetIsNeitherCreatedNorCounted() throws Exception {
        meters = meters();

        meters.measure();

        assertThat(registry.find("newsroom.consumer.lag").tags("group", group).gauges())
                .isEmpty();
        assertThat(registry.get("newsroom.deadletters.waiting")
                        .tag("topic", deadLetters)
                        .gauge()
                        .value())
                .isZero();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers()))) {
            assertThat(admin.listTopics().names().get()).doesNotContain(topic, deadLetters);
        }
    }

    @Test
    void watchesEveryStreamInputWithAGroupTheServicesOwnGroupsAndItsDeadLetterTopics() {
        Map<String, String> settings = new HashMap<>();
        settings.put("spring.cloud.stream.bindings.articleEvents-in-0.destination", "newsroom.articles.v1");
        settings.put("spring.cloud.stream.bindings.articleEvents-in-0.group", "comment-service");
        settings.put("spring.cloud.stream.bindings.articleEvents-in-0.consumer.max-attempts", "3");
        settings.put("spring.cloud.stream.bindings.commentFeed-in-0.destination", "newsroom.comments.v1");
        settings.put("newsroom.kafka-backlog.groups[0].group", "trending-service");
        settings.put("newsroom.kafka-backlog.groups[0].topics", "newsroom.article-views.v1,newsroom.comments.v1");
        settings.put("newsroom.dead-letters.topics", "newsroom.articles.v1.comment-service.dlq");

        WatchedGroups watched = WatchedGroups.from(new Binder(new MapConfigurationPropertySource(settings)));

        assertThat(watched.groups())
                .containsExactlyInAnyOrder(
                        new WatchedGroup("comment-service", List.of("newsroom.articles.v1")),
                        new WatchedGroup(
                                "trending-service", List.of("newsroom.article-views.v1", "newsroom.comments.v1")));
        assertThat(watched.deadLetterTopics()).containsExactly("newsroom.articles.v1.comment-service.dlq");
        assertThat(watched.anything()).isTrue();
        assertThat(WatchedGroups.from(new Binder(new MapConfigurationPropertySource(Map.of())))
                        .anything())
                .as("a process with nothing to watch (the gateway)")
                .isFalse();
    }

    private KafkaBacklogMeters meters() {
        return new KafkaBacklogMeters(
                brokers(),
                List.of(new WatchedGroup(group, List.of(topic))),
                List.of(deadLetters),
                Duration.ofHours(1),
                Duration.ofSeconds(10),
                Clock.systemUTC(),
                registry);
    }

    private double sum(String name) {
        return registry.find(name).tags("group", group).gauges().stream()
                .mapToDouble(Gauge::value)
                .sum();
    }

    private double max(String name) {
        return registry.find(name).tags("group", group).gauges().stream()
                .mapToDouble(Gauge::value)
                .max()
                .orElse(-1);
    }

    private static void send(String topic, Instant... times) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            for (Instant time : times) {
                producer.send(new ProducerRecord<>(topic, null, time.toEpochMilli(), "key".getBytes(), new byte[] {1}))
                        .get();
            }
        }
    }

    /** Commits the group's offsets at the end of every partition of the topic, as a consumer that read it all. */
    private static void commitToEnd(String group, String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                brokers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false);
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
            consumer.endOffsets(partitions)
                    .forEach((partition, end) -> ends.put(partition, new OffsetAndMetadata(end)));
            consumer.commitSync(ends);
        }
    }

    private static String brokers() {
        return System.getProperty("spring.kafka.bootstrap-servers");
    }
}
