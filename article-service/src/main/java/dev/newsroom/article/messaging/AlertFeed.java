package dev.newsroom.article.messaging;

import dev.newsroom.article.article.ArticleEvents;
import dev.newsroom.platform.messaging.CloudEventHeaders;
import dev.newsroom.platform.messaging.CompactedTopicReader;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.json.JsonMapper;

/**
 * This instance's view of {@code newsroom.alerts.v1}: reads the whole (compacted) topic from the
 * start with a group of its own ({@link CompactedTopicReader}, which creates the topic compacted if
 * it is missing), keeps the alerts raised and not cleared, and multicasts every
 * change to the stream's subscribers. Because every instance reads the topic, rather than hearing
 * only of the alerts it raised itself, a reader connected to any instance sees every alert, whichever
 * instance published or cleared the story.
 */
@Component
public class AlertFeed extends CompactedTopicReader {

    private static final Logger log = LoggerFactory.getLogger(AlertFeed.class);

    /** A current alert, as {@code GET /api/alerts} and the stream show it. */
    public record Alert(String slug, String headline, Instant raisedAt, Instant expiresAt) {}

    /** An alert taken down before its time, as the stream shows it. */
    public record Cleared(String slug, Instant clearedAt, String reason) {}

    /** One change: an alert raised ({@code raised} set) or cleared ({@code cleared} set). */
    public record Change(Alert raised, Cleared cleared) {}

    private record RaisedEvent(String articleId, String slug, String headline, Instant raisedAt, Instant expiresAt) {}

    private record ClearedEvent(String articleId, String slug, Instant clearedAt, String reason) {}

    private final JsonMapper json;
    private final Clock clock;
    private final Map<String, Alert> raised = new ConcurrentHashMap<>();
    private final Sinks.Many<Change> changes = Sinks.many().multicast().directBestEffort();

    /** Public so that a test can start a second instance's feed beside the application's. */
    public AlertFeed(
            @Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers, JsonMapper json, Clock clock) {
        // A group of its own per instance and start: every instance holds every alert.
        super("alert-feed", brokers, ArticleEvents.ALERTS_TOPIC, "article-service-alerts-");
        this.json = json;
        this.clock = clock;
    }

    /**
     * The alerts showing now (raised, not cleared, not expired), the newest first. Expired ones are
     * forgotten here: nothing is sent when an alert expires, so nothing else would remove them.
     */
    public List<Alert> current() {
        Instant now = clock.instant();
        raised.values().removeIf(alert -> !alert.expiresAt().isAfter(now));
        return raised.values().stream()
                .filter(alert -> alert.expiresAt().isAfter(now))
                .sorted(Comparator.comparing(Alert::raisedAt).reversed().thenComparing(Alert::slug))
                .toList();
    }

    /** Changes from now on; a subscriber that cannot keep up misses some. */
    public Flux<Change> changes() {
        return changes.asFlux();
    }

    /** Dispatches on {@code ce_type}; types it does not know, and records it cannot read, are skipped. */
    @Override
    protected void accept(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            raised.remove(record.key());
            return;
        }
        String ceType = CloudEventHeaders.type(record.headers());
        try {
            if (ArticleEvents.ALERT_RAISED.equals(ceType)) {
                RaisedEvent event = json.readValue(record.value(), RaisedEvent.class);
                Alert alert = new Alert(event.slug(), event.headline(), event.raisedAt(), event.expiresAt());
                raised.put(record.key(), alert);
                changes.tryEmitNext(new Change(alert, null));
            } else if (ArticleEvents.ALERT_CLEARED.equals(ceType)) {
                ClearedEvent event = json.readValue(record.value(), ClearedEvent.class);
                raised.remove(record.key());
                changes.tryEmitNext(new Change(null, new Cleared(event.slug(), event.clearedAt(), event.reason())));
            }
        } catch (RuntimeException unreadable) {
            log.warn(
                    "Skipped an unreadable alert at {}-{}@{}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    unreadable);
        }
    }
}
