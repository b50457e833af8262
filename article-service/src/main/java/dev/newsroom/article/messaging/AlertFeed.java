package dev.newsroom.article.messaging;

import dev.newsroom.article.article.ArticleEvents;
import dev.newsroom.platform.messaging.CloudEventHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.json.JsonMapper;

/**
 * This instance's view of {@code newsroom.alerts.v1}: reads the whole (compacted) topic from the
 * start with a group of its own, keeps the alerts raised and not cleared, and multicasts every
 * change to the stream's subscribers. Because every instance reads the topic, rather than hearing
 * only of the alerts it raised itself, a reader connected to any instance sees every alert, whichever
 * instance published or cleared the story.
 */
@Component
public class AlertFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AlertFeed.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    /** A current alert, as {@code GET /api/alerts} and the stream show it. */
    public record Alert(String slug, String headline, Instant raisedAt, Instant expiresAt) {}

    /** An alert taken down before its time, as the stream shows it. */
    public record Cleared(String slug, Instant clearedAt, String reason) {}

    /** One change: an alert raised ({@code raised} set) or cleared ({@code cleared} set). */
    public record Change(Alert raised, Cleared cleared) {}

    private record RaisedEvent(String articleId, String slug, String headline, Instant raisedAt, Instant expiresAt) {}

    private record ClearedEvent(String articleId, String slug, Instant clearedAt, String reason) {}

    private final String brokers;
    private final JsonMapper json;
    private final Clock clock;
    private final Map<String, Alert> raised = new ConcurrentHashMap<>();
    private final Sinks.Many<Change> changes = Sinks.many().multicast().directBestEffort();
    private volatile boolean running;
    private volatile Thread thread;
    private volatile KafkaConsumer<String, byte[]> consumer;

    AlertFeed(@Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers, JsonMapper json, Clock clock) {
        this.brokers = brokers;
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

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "alert-feed");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        Thread worker = thread;
        if (worker != null) {
            try {
                worker.join(STOP_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        ensureTopic();
        KafkaConsumer<String, byte[]> created = new KafkaConsumer<>(consumerConfig());
        consumer = created;
        try {
            created.subscribe(List.of(ArticleEvents.ALERTS_TOPIC));
            while (running) {
                for (ConsumerRecord<String, byte[]> record : created.poll(Duration.ofMillis(500))) {
                    accept(record);
                }
            }
        } catch (WakeupException stopping) {
            // stop() woke the poll
        } catch (RuntimeException failure) {
            log.error("The alert feed stopped", failure);
        } finally {
            consumer = null;
            try {
                created.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            } catch (RuntimeException failure) {
                log.debug("Closing the alert feed's consumer failed", failure);
            }
        }
    }

    /**
     * A group of its own per instance and process, reading from the start: every instance holds every
     * alert, and nothing is committed (a restart reads the compacted topic again).
     */
    private Map<String, Object> consumerConfig() {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                brokers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "article-service-alerts-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class,
                // The topic may be created after the subscription (by its first event): found quickly.
                ConsumerConfig.METADATA_MAX_AGE_CONFIG,
                5000);
    }

    /**
     * Creates the topic compacted (the latest record per article is its alert's state) rather than
     * leaving it to be auto-created with the broker's defaults by its first record; failing that,
     * says so and leaves it to the first record.
     */
    private void ensureTopic() {
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                brokers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                30_000);
        try (Admin admin = Admin.create(config)) {
            NewTopic topic = new NewTopic(ArticleEvents.ALERTS_TOPIC, Optional.empty(), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            log.info("Created {} (compacted)", ArticleEvents.ALERTS_TOPIC);
        } catch (ExecutionException exists) {
            if (!(exists.getCause() instanceof TopicExistsException)) {
                log.warn("Could not create {}; the first record will", ArticleEvents.ALERTS_TOPIC, exists.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException | RuntimeException failure) {
            log.warn("Could not create {}; the first record will", ArticleEvents.ALERTS_TOPIC, failure);
        }
    }

    /** Dispatches on {@code ce_type}; types it does not know, and records it cannot read, are skipped. */
    private void accept(ConsumerRecord<String, byte[]> record) {
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
