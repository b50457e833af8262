package dev.newsroom.platform.messaging;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a compacted topic whole, from its start, in every instance of a service, and hands each
 * record to {@link #accept}: the way an instance keeps its own view of state that any instance may
 * change (trending-service's rankings, article-service's breaking-news alerts) and streams each
 * change to the clients connected to it, whichever instance made it.
 *
 * <p>On start it creates the topic compacted when it is missing ({@link KafkaTopics}): the latest
 * record per key is all a reader needs. Then it subscribes with a consumer group of its own, new per
 * start ({@code groupPrefix} and a random id), so every instance reads every record; nothing is
 * committed, and a restart reads the topic again from its start. A failure it cannot read past
 * stops the reading and is logged; what the instance holds stays as it was.
 */
public abstract class CompactedTopicReader extends ConsumerThread {

    private static final Logger log = LoggerFactory.getLogger(CompactedTopicReader.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);

    private final String brokers;
    private final String topic;
    private final String groupPrefix;

    /**
     * @param threadName the reading thread's name
     * @param brokers the Kafka brokers, {@code host:port,...}
     * @param topic the compacted topic to read
     * @param groupPrefix the start of each start's own consumer group id, e.g. {@code trending-feed-}
     */
    protected CompactedTopicReader(String threadName, String brokers, String topic, String groupPrefix) {
        super(threadName, STOP_WAIT);
        this.brokers = brokers;
        this.topic = topic;
        this.groupPrefix = groupPrefix;
    }

    /**
     * One record, on the reading thread, in the topic's order per key; a tombstone (null value)
     * deletes its key. A record without a key, or one it cannot read, the implementation skips:
     * throwing stops the reading.
     */
    protected abstract void accept(ConsumerRecord<String, byte[]> record);

    @Override
    protected final void run() {
        KafkaTopics.ensure(
                brokers,
                topic,
                Optional.empty(),
                Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(ConsumerSettings.of(brokers, groupPrefix + UUID.randomUUID()));
        try {
            polling(consumer);
            consumer.subscribe(List.of(topic));
            while (running()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL_TIMEOUT)) {
                    accept(record);
                }
            }
        } catch (WakeupException stopping) {
            // stop() woke the poll
        } catch (RuntimeException failure) {
            log.error("Stopped reading {}", topic, failure);
        } finally {
            closeQuickly(consumer);
            polling(null);
        }
    }
}
