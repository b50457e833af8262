package dev.newsroom.trending.messaging;

import dev.newsroom.platform.messaging.CompactedTopicReader;
import dev.newsroom.trending.TrendingServiceProperties;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * This instance's view of {@code newsroom.trending.v1}: reads the whole (compacted) topic from the
 * start with a group of its own ({@link CompactedTopicReader}), keeps the latest ranking per name and multicasts every change to
 * the stream's subscribers. Because it reads the topic rather than listening to its own publisher,
 * every instance's subscribers see the changes whichever instance published them.
 */
@Component
public class TrendingFeed extends CompactedTopicReader {

    /** One ranking change: its name and the event data (the ranking's JSON). */
    public record Change(String name, String json) {}

    private final Map<String, String> latest = new ConcurrentHashMap<>();
    private final Sinks.Many<Change> changes = Sinks.many().multicast().directBestEffort();

    TrendingFeed(KafkaClients kafka, TrendingServiceProperties properties) {
        super("trending-feed", kafka.brokers(), properties.topic(), "trending-feed-");
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
    protected void accept(ConsumerRecord<String, byte[]> record) {
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
