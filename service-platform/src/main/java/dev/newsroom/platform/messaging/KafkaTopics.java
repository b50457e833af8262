package dev.newsroom.platform.messaging;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a topic a service owns with the settings it needs (compacted, a retention, one partition)
 * before using it, rather than leaving it to be auto-created with the broker's defaults by its first
 * record: a live feed's topic that came up with the default clean-up policy would lose its older
 * keys instead of keeping the latest record of each. Failing that (a broker that is away, or that
 * refuses), it says so and leaves the topic to the first record, so a service still starts.
 */
public final class KafkaTopics {

    private static final Logger log = LoggerFactory.getLogger(KafkaTopics.class);
    private static final int TIMEOUT_SECONDS = 30;

    private KafkaTopics() {}

    /**
     * Creates {@code topic} on {@code brokers} with {@code configs} (and the broker's default
     * partition count unless {@code partitions} is given) when it does not exist yet; an existing
     * topic is left as it is.
     */
    public static void ensure(String brokers, String topic, Optional<Integer> partitions, Map<String, String> configs) {
        Map<String, Object> settings = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                brokers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                TIMEOUT_SECONDS * 1000);
        try (Admin admin = Admin.create(settings)) {
            NewTopic created = new NewTopic(topic, partitions, Optional.empty()).configs(configs);
            admin.createTopics(List.of(created)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            log.info("Created {} with {}", topic, configs);
        } catch (ExecutionException exists) {
            if (!(exists.getCause() instanceof TopicExistsException)) {
                log.warn("Could not create {}; the first record will", topic, exists.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException | RuntimeException failure) {
            log.warn("Could not create {}; the first record will", topic, failure);
        }
    }
}
