package dev.newsroom.trending.messaging;

import dev.newsroom.trending.TrendingServiceProperties;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * This instance's view of {@code newsroom.trending.v1}: reads the whole (compacted) topic from the
 * start with a group of its own, keeps the latest ranking per name and multicasts every change to
 * the stream's subscribers. Because it reads the topic rather than listening to its own publisher,
 * every instance's subscribers see the changes whichever instance published them.
 */
@Component
public class TrendingFeed extends ConsumerThread {

    private static final Logger log = LoggerFactory.getLogger(TrendingFeed.class);

    /** One ranking change: its name and the event data (the ranking's JSON). */
    public record Change(String name, String json) {}

    private final KafkaClients kafka;
    private final TrendingServiceProperties properties;
    private final Map<String, String> latest = new ConcurrentHashMap<>();
    private final Sinks.Many<Change> changes = Sinks.many().multicast().directBestEffort();

    TrendingFeed(KafkaClients kafka, TrendingServiceProperties properties) {
        super("trending-feed", Duration.ofSeconds(10));
        this.kafka = kafka;
        this.properties = properties;
    }

    /** The latest ranking JSON per name, as published. */
    public Map<String, String> latest() {
        return Map.copyOf(latest);
    }

    /** Changes from now on; a subscriber that cannot keep up misses some (the next one supersedes them). */
    public Flux<Change> changes() {
        return changes.asFlux();
    }

    @Override
    protected void run() {
        // Compacted: the latest ranking per name is all a reader needs.
        kafka.ensureTopic(
                properties.topic(),
                Optional.empty(),
                Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        // A group of its own: every instance reads every ranking; nothing is committed.
        var config = kafka.consumer("trending-feed-" + UUID.randomUUID());
        KafkaConsumer<String, byte[]> created = new KafkaConsumer<>(config);
        try {
            polling(created);
            created.subscribe(List.of(properties.topic()));
            while (running()) {
                for (ConsumerRecord<String, byte[]> record : created.poll(Duration.ofMillis(500))) {
                    accept(record);
                }
            }
        } catch (WakeupException stopping) {
            // stop() woke the poll
        } catch (RuntimeException failure) {
            log.error("The trending feed stopped", failure);
        } finally {
            closeQuickly(created);
            polling(null);
        }
    }

    private void accept(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            latest.remove(record.key());
            return;
        }
        String json = new String(record.value(), StandardCharsets.UTF_8);
        latest.put(record.key(), json);
        changes.tryEmitNext(new Change(record.key(), json));
    }
}
