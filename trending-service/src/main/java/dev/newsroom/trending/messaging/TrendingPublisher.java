package dev.newsroom.trending.messaging;

import dev.newsroom.platform.messaging.CloudEventHeaders;
import dev.newsroom.trending.TrendingServiceProperties;
import dev.newsroom.trending.messaging.ingest.IngestLoop;
import dev.newsroom.trending.ranking.RankingBoard;
import dev.newsroom.trending.ranking.RankingEvents;
import dev.newsroom.trending.ranking.RankingSnapshot;
import dev.newsroom.trending.ranking.Rankings;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes {@code newsroom.trending.changed.v1} to {@code newsroom.trending.v1} (key = ranking
 * name) when the top of a ranking changes: which articles hold the top places and in what order,
 * or what they are called. Score changes alone do not publish (they change every second under
 * load); each event carries the current scores. At most one event per ranking per publish
 * interval; a ranking that empties publishes once with no articles.
 *
 * <p>Only one instance publishes: the one that reads partition 0 of the views topic (group
 * membership elects it). It compares against what it last sent, or, after taking over, against the
 * latest event on the topic, so a change of publisher does not publish everything again.
 * Rankings are derived state, so there is no outbox: an event that fails to send is sent again
 * with the next refresh.
 */
@Component
class TrendingPublisher {

    private static final Logger log = LoggerFactory.getLogger(TrendingPublisher.class);
    static final String SOURCE = "/newsroom/trending-service";

    private final TrendingServiceProperties properties;
    private final IngestLoop ingest;
    private final TrendingFeed feed;
    private final KafkaClients kafka;
    private final JsonMapper json;
    /** Touched by the refresh thread and, on a failed send, the producer's thread. */
    private final Map<String, List<String>> sent = new ConcurrentHashMap<>();

    private final Map<String, Long> sentAt = new HashMap<>();

    TrendingPublisher(
            TrendingServiceProperties properties,
            IngestLoop ingest,
            TrendingFeed feed,
            KafkaClients kafka,
            JsonMapper json,
            RankingBoard board) {
        this.properties = properties;
        this.ingest = ingest;
        this.feed = feed;
        this.kafka = kafka;
        this.json = json;
        board.onRefresh(this::publishChanges);
    }

    /** Runs on the board's refresh thread. */
    void publishChanges(Rankings rankings) {
        if (!ingest.leads()) {
            sent.clear();
            sentAt.clear();
            return;
        }
        Map<String, String> published = feed.latest();
        Set<String> names = new HashSet<>(rankings.all().keySet());
        names.addAll(sent.keySet());
        published.forEach((name, ranking) -> {
            if (!sent.containsKey(name)) {
                names.add(name);
            }
        });
        long now = System.currentTimeMillis();
        for (String name : names) {
            RankingSnapshot ranking = RankingEvents.trendingChanged(name, rankings, properties.publishSize());
            List<String> top = signature(ranking);
            List<String> before = sent.containsKey(name) ? sent.get(name) : signatureOf(published.get(name));
            if (top.equals(before)) {
                continue;
            }
            if (now - sentAt.getOrDefault(name, 0L)
                    < properties.publishInterval().toMillis()) {
                continue;
            }
            send(name, ranking, rankings.computedAt());
            sent.put(name, top);
            sentAt.put(name, now);
        }
    }

    private void send(String name, RankingSnapshot ranking, Instant at) {
        byte[] value = json.writeValueAsBytes(ranking);
        RecordHeaders headers = CloudEventHeaders.of(new CloudEventHeaders.Event(
                UUID.randomUUID().toString(), SOURCE, RankingEvents.TRENDING_CHANGED, at, name));
        kafka.producer().send(new ProducerRecord<>(properties.topic(), null, name, value, headers), (meta, failure) -> {
            if (failure != null) {
                log.warn("Could not publish ranking {}; will try again on the next change", name, failure);
                sent.remove(name);
            }
        });
    }

    /** What makes the top of a ranking different: the articles in order, with what readers see of them. */
    private static List<String> signature(RankingSnapshot ranking) {
        return ranking.articles().stream()
                .map(entry -> entry.articleId() + "|" + entry.slug() + "|" + entry.title() + "|" + entry.description()
                        + "|" + entry.tagList())
                .toList();
    }

    private List<String> signatureOf(String publishedJson) {
        if (publishedJson == null) {
            return List.of();
        }
        try {
            return signature(json.readValue(publishedJson, RankingSnapshot.class));
        } catch (RuntimeException unreadable) {
            return null;
        }
    }
}
