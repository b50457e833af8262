package dev.newsroom.trending.messaging;

import dev.newsroom.platform.messaging.ConsumerThread;
import dev.newsroom.platform.messaging.KafkaTopics;
import dev.newsroom.trending.TrendingServiceProperties;
import dev.newsroom.trending.activity.VersionedStanding;
import dev.newsroom.trending.ranking.RankingBoard;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shares the standings this instance ingests with the other instances of trending-service, through
 * the internal topic {@code newsroom.trending-standings.v1} (key = article id, value = the
 * {@link VersionedStanding} as JSON), and hands theirs to the {@link RankingBoard}.
 *
 * <p>Why: each instance ingests only its partitions, and an instance's API answers the full
 * rankings. Through the store alone a view another instance counted shows here only once that
 * instance's bulk write lands and this one's next store read finds it, which under load took
 * seconds (docs/benchmarks.md); shared at each refresh, it shows within about two refresh
 * intervals. The store read stays as the safety net: a record lost here (a send that failed, a
 * broker away) only delays a standing until the store has it.
 *
 * <p>Every instance reads every partition from the end, without a consumer group: what was shared
 * before it started, the store read brings. Standings are absolute state with a version, so order,
 * repeats and gaps between copies do no harm. Nothing outside trending-service reads this topic;
 * it is not part of the published event interface (contracts/).
 */
@Component
public class StandingsExchange extends ConsumerThread {

    private static final Logger log = LoggerFactory.getLogger(StandingsExchange.class);
    /** Marks what this instance sent, which it need not decode again. */
    static final String SENDER_HEADER = "newsroom-trending-instance";
    /** Readers start at the end, so an hour of history is plenty (for an operator looking at it). */
    private static final Duration RETENTION = Duration.ofHours(1);

    private final KafkaClients kafka;
    private final JsonMapper json;
    private final RankingBoard board;
    private final String topic;
    private final byte[] instance = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);

    StandingsExchange(KafkaClients kafka, JsonMapper json, RankingBoard board, TrendingServiceProperties properties) {
        super("trending-standings", Duration.ofSeconds(10));
        this.kafka = kafka;
        this.json = json;
        this.board = board;
        this.topic = properties.standingsTopic();
        board.onShare(this::send);
    }

    /** On the board's refresh thread: sends without waiting; a failed send is left to the store read. */
    private void send(Collection<VersionedStanding> standings) {
        if (!running()) {
            return;
        }
        try {
            for (VersionedStanding standing : standings) {
                RecordHeaders headers = new RecordHeaders();
                headers.add(SENDER_HEADER, instance);
                kafka.producer()
                        .send(
                                new ProducerRecord<>(
                                        topic, null, standing.articleId(), json.writeValueAsBytes(standing), headers),
                                (sent, failure) -> {
                                    if (failure != null) {
                                        log.debug("Could not share a standing; the store read will bring it", failure);
                                    }
                                });
            }
        } catch (RuntimeException failure) {
            log.warn("Could not share {} standings; the store read will bring them", standings.size(), failure);
        }
    }

    @Override
    protected void run() {
        KafkaTopics.ensure(
                kafka.brokers(),
                topic,
                Optional.of(1),
                Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG,
                        TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.RETENTION_MS_CONFIG,
                        Long.toString(RETENTION.toMillis())));
        Map<String, Object> config = kafka.consumer(null);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config);
        try {
            polling(consumer);
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            while (running()) {
                List<VersionedStanding> received = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (!fromHere(record)) {
                        decode(record, received);
                    }
                }
                board.shared(received);
            }
        } catch (WakeupException stopping) {
            // stop() woke the poll
        } catch (RuntimeException failure) {
            log.error(
                    "Stopped reading shared standings; other instances' counts now reach this one through the store",
                    failure);
        } finally {
            closeQuickly(consumer);
            polling(null);
        }
    }

    /** The topic's partitions, once the broker knows it (a freshly created topic takes a moment). */
    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer) {
        while (true) {
            var infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream()
                        .map(info -> new TopicPartition(info.topic(), info.partition()))
                        .toList();
            }
            pause(Duration.ofSeconds(1));
            if (!running()) {
                throw new WakeupException();
            }
        }
    }

    private boolean fromHere(ConsumerRecord<String, byte[]> record) {
        Header sender = record.headers().lastHeader(SENDER_HEADER);
        return sender != null && Arrays.equals(sender.value(), instance);
    }

    private void decode(ConsumerRecord<String, byte[]> record, List<VersionedStanding> into) {
        if (record.value() == null) {
            return;
        }
        try {
            into.add(json.readValue(record.value(), VersionedStanding.class));
        } catch (JacksonException unreadable) {
            log.warn(
                    "Skipped an unreadable shared standing at {}-{}@{}",
                    record.topic(),
                    record.partition(),
                    record.offset());
        }
    }
}
