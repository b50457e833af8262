package dev.newsroom.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsroom.infra.junit.SharedInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A compacted topic read whole by every instance, against the shared broker: the topic created
 * compacted, every record from the start to every reader, and a stop that ends the reading.
 */
@SharedInfrastructure
class CompactedTopicReaderTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final String topic =
            "test.compacted." + UUID.randomUUID().toString().substring(0, 8) + ".v1";
    private final List<Reader> started = new CopyOnWriteArrayList<>();

    /** Keeps what it is handed, as "key=value" ("key=null" for a tombstone). */
    private final class Reader extends CompactedTopicReader {

        final List<String> seen = new CopyOnWriteArrayList<>();

        Reader() {
            super("test-compacted-reader", brokers(), topic, "test-compacted-");
        }

        @Override
        protected void accept(ConsumerRecord<String, byte[]> record) {
            String value = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
            seen.add(record.key() + "=" + value);
        }

        Reader begin() {
            started.add(this);
            start();
            return this;
        }
    }

    @AfterEach
    void stopReaders() {
        started.forEach(Reader::stop);
    }

    @Test
    void createsTheTopicCompactedWhenItIsMissing() throws Exception {
        Reader reader = new Reader().begin();

        await().atMost(DEADLINE).until(() -> cleanupPolicy(topic).isPresent());
        assertThat(cleanupPolicy(topic)).contains(TopicConfig.CLEANUP_POLICY_COMPACT);
        assertThat(reader.isRunning()).isTrue();
    }

    @Test
    void everyReaderGetsEveryRecordFromTheStartAndThoseThatFollow() {
        KafkaTopics.ensure(
                brokers(),
                topic,
                Optional.of(2),
                Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try (TopicWriter writer = new TopicWriter("/newsroom/test")) {
            writer.send(topic, 0, "a", "test.written.v1", UUID.randomUUID().toString(), "1");
            writer.send(topic, 1, "b", "test.written.v1", UUID.randomUUID().toString(), "2");

            // Two instances: each has a group of its own, so neither takes records from the other.
            Reader first = new Reader().begin();
            Reader second = new Reader().begin();
            await().atMost(DEADLINE).until(() -> first.seen.size() == 2 && second.seen.size() == 2);

            writer.send(topic, 0, "a", "test.written.v1", UUID.randomUUID().toString(), "3");
            await().atMost(DEADLINE).until(() -> first.seen.size() == 3 && second.seen.size() == 3);

            assertThat(first.seen).containsExactlyInAnyOrder("a=1", "b=2", "a=3");
            assertThat(second.seen).containsExactlyInAnyOrderElementsOf(first.seen);
            assertThat(first.seen.indexOf("a=1")).isLessThan(first.seen.indexOf("a=3"));
        }
    }

    @Test
    void stopEndsTheReadingPromptly() {
        Reader reader = new Reader().begin();
        await().atMost(DEADLINE).until(() -> cleanupPolicy(topic).isPresent());

        long before = System.nanoTime();
        reader.stop();

        assertThat(reader.isRunning()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(9));
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(thread -> thread.getName().equals("test-compacted-reader") && thread.isAlive());
    }

    @Test
    void anExistingTopicIsLeftAsItIs() throws Exception {
        KafkaTopics.ensure(
                brokers(),
                topic,
                Optional.of(1),
                Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE));

        KafkaTopics.ensure(
                brokers(),
                topic,
                Optional.empty(),
                Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));

        assertThat(cleanupPolicy(topic)).contains(TopicConfig.CLEANUP_POLICY_DELETE);
    }

    private static String brokers() {
        return System.getProperty("spring.kafka.bootstrap-servers");
    }

    /** The topic's clean-up policy, or empty while the broker does not know the topic. */
    private static Optional<String> cleanupPolicy(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers()))) {
            if (!admin.listTopics().names().get().contains(topic)) {
                return Optional.empty();
            }
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            return Optional.of(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value());
        }
    }
}
