package dev.newsroom.platform.messaging;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The settings of a plain kafka-clients consumer that a service polls on a {@link ConsumerThread}
 * rather than through a Spring Cloud Stream binding: string keys, byte values (the event data, read
 * by the caller), offsets committed by the code rather than the client, and from the earliest
 * record where a group has none. Written down once so that trending-service's consumers and every
 * {@link CompactedTopicReader} read the same way.
 */
public final class ConsumerSettings {

    private ConsumerSettings() {}

    /** The settings for {@code group} (null: none) on {@code brokers}; the map is the caller's to change. */
    public static Map<String, Object> of(String brokers, String group) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        // Topics created after the subscription (by their first event) are found quickly.
        config.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5000);
        return config;
    }
}
