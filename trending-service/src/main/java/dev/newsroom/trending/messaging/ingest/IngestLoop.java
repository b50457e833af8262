package dev.newsroom.trending.messaging.ingest;

import dev.newsroom.platform.messaging.ConsumerThread;
import dev.newsroom.platform.tracing.MessageTraces;
import dev.newsroom.trending.TrendingServiceProperties;
import dev.newsroom.trending.activity.Activity;
import dev.newsroom.trending.activity.ActivityCache;
import dev.newsroom.trending.activity.ActivityOp;
import dev.newsroom.trending.activity.ActivityRepository;
import dev.newsroom.trending.activity.Hours;
import dev.newsroom.trending.activity.RecentViews;
import dev.newsroom.trending.messaging.KafkaClients;
import dev.newsroom.trending.ranking.RankingBoard;
import dev.newsroom.trending.ranking.Window;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes the three input topics in batches on one thread: decodes a poll's records into ops
 * (views through de-duplication), applies them to the articles' state in memory ({@link
 * ActivityCache}), tells the {@link RankingBoard} what changed, and hands the changes to the {@link
 * WritePipeline}, which writes them on a thread of its own and commits once they are written. A
 * poison record never stops its partition; a failed batch or write re-reads from the last commit
 * after a back-off, which the offsets kept per article make exact.
 *
 * <p>Commits carry a {@link CommitMark}: the rebuild generation ({@link RebuildGenerationCheck})
 * and, for view partitions, the newest record timestamp, from which {@link AssignedPartitions}
 * decides where an assigned partition starts.
 *
 * <p>Several instances share the consumer group and split the partitions. All events of one
 * article share its partition number on the three topics (key = article id), and the range
 * assignor gives the same partition number of every topic to the same instance, so one instance
 * writes an article at a time. Should two ever apply the same events to the same stored state,
 * they write the same absolute values.
 */
@Component
public class IngestLoop extends ConsumerThread {

    private static final Logger log = LoggerFactory.getLogger(IngestLoop.class);
    private static final List<String> TOPICS =
            List.of(InputEvents.VIEWS_TOPIC, InputEvents.COMMENTS_TOPIC, InputEvents.ARTICLES_TOPIC);
    /** How often the board hears of changes (each hearing costs a copy per article). */
    static final Duration TELL_EVERY = Duration.ofMillis(100);

    private final TrendingServiceProperties properties;
    private final KafkaClients kafka;
    private final Decoder decoder;
    private final Clock clock;
    private final RankingBoard board;
    private final AtomicLong applied = new AtomicLong();
    private final IngestStats stats = new IngestStats();
    private final IngestMeters meters;
    private final IngestTraces traces;

    // The ingest thread's.
    private final ActivityCache activities;
    private final AssignedPartitions partitions;
    private final RebuildGenerationCheck generation;
    private final WritePipeline writes;
    /** Articles changed since the board was last told, and when that was. */
    private final Map<String, Activity> untold = new LinkedHashMap<>();

    private long toldAt;

    IngestLoop(
            TrendingServiceProperties properties,
            ActivityRepository repository,
            DeadLetterWriter deadLetters,
            KafkaClients kafka,
            JsonMapper json,
            Clock clock,
            RankingBoard board,
            MeterRegistry registry,
            MessageTraces traces) {
        // stop() (the context calls it on shutdown) waits this long for the last write to be abandoned.
        super("trending-ingest", Duration.ofSeconds(30));
        this.properties = properties;
        this.kafka = kafka;
        this.decoder = new Decoder(json);
        this.clock = clock;
        this.board = board;
        this.meters = new IngestMeters(registry);
        this.traces = new IngestTraces(traces);
        this.activities = new ActivityCache(repository);
        this.partitions = new AssignedPartitions(properties);
        this.generation = new RebuildGenerationCheck(repository);
        this.writes = new WritePipeline(
                repository,
                deadLetters,
                stats,
                properties.ingest().group(),
                properties.ingest().maxPollRecords());
    }

    /** Whether this instance reads partition 0 of the views topic: the one that publishes rankings. */
    public boolean leads() {
        return partitions.leads();
    }

    /** The input partitions this instance reads now. */
    public Set<TopicPartition> assignment() {
        return partitions.assignment();
    }

    /** Input events applied (or found already applied) since start, for the benchmark and metrics. */
    public long applied() {
        return applied.get();
    }

    @Override
    protected void run() {
        writes.open();
        KafkaConsumer<String, byte[]> created = new KafkaConsumer<>(kafka.ingestConsumer(
                properties.ingest().group(), properties.ingest().maxPollRecords()));
        try {
            polling(created);
            generation.readNow();
            created.subscribe(TOPICS, new IngestRebalance(this, created));
            while (running()) {
                try {
                    if (generation.changed(writes)) {
                        rebuild(created);
                    }
                    ConsumerRecords<String, byte[]> records =
                            created.poll(properties.ingest().pollTimeout());
                    if (!records.isEmpty()) {
                        process(created, records);
                    }
                    tellBoard();
                    writes.handOver(created, false);
                } catch (WakeupException stopping) {
                    break;
                } catch (RuntimeException failure) {
                    // Nothing applied after a failure is written: it is all read again from the last commit.
                    traces.failed(failure);
                    abandon();
                    if (!running()) {
                        break;
                    }
                    log.warn("Ingest batch failed; reading again from the last commit", failure);
                    pause(properties.ingest().retryBackOff());
                    reposition(created, created.assignment());
                }
            }
        } catch (RuntimeException failure) {
            log.error("Ingest stopped", failure);
        } finally {
            // On stopping, what was applied but not committed is read again by the next owner (the
            // broker or store may be gone already, and waiting for them would hold up shutdown).
            untold.clear();
            writes.close();
            closeQuickly(created);
            polling(null);
            partitions.clear();
            activities.clear();
        }
    }

    /** Decodes a poll's records, applies them per article, and hands them to the write pipeline. */
    private void process(KafkaConsumer<String, byte[]> consumer, ConsumerRecords<String, byte[]> records) {
        long started = System.nanoTime();
        long cutoffHour = Hours.ofMillis(clock.millis()) - Window.RETAINED_HOURS;
        long current = generation.current();
        Map<String, List<ActivityOp>> byArticle = new LinkedHashMap<>();
        List<DeadLetterWriter.Letter> letters = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            String source = Decoder.sourceOf(partition);
            RecentViews views = partitions.recentViews(partition);
            long newest = 0;
            long oldest = Long.MAX_VALUE;
            List<ConsumerRecord<String, byte[]>> partitionRecords = records.records(partition);
            for (ConsumerRecord<String, byte[]> record : partitionRecords) {
                newest = Math.max(newest, record.timestamp());
                oldest = Math.min(oldest, record.timestamp());
                traces.received(record);
                try {
                    ActivityOp op = decoder.decode(record, source, views);
                    if (op != null) {
                        byArticle
                                .computeIfAbsent(op.articleId(), id -> new ArrayList<>())
                                .add(op);
                    }
                } catch (Decoder.PoisonEvent poison) {
                    if (!partitions.replayed(partition, record.offset())) {
                        letters.add(new DeadLetterWriter.Letter(record, poison.getMessage()));
                    }
                }
            }
            meters.applied(partition.topic(), partitionRecords.size(), oldest);
            long next = partitionRecords.get(partitionRecords.size() - 1).offset() + 1;
            commits.put(partition, new OffsetAndMetadata(next, CommitMark.of(current, newest)));
        }
        for (Activity activity : activities.apply(byArticle, current, cutoffHour)) {
            writes.changed(activity);
            untold.put(activity.articleId(), activity);
        }
        writes.applied(commits, letters, records.count());
        traces.applied(records.count());
        long decoded = System.nanoTime();
        writes.handOver(consumer, false);
        long waited = System.nanoTime();
        applied.addAndGet(records.count());
        stats.batch(records.count(), decoded - started, waited - decoded);
    }

    /**
     * Tells the board of the articles changed since it was last told, at most every {@link
     * #TELL_EVERY}, before they are written, so a slow write does not hold up the rankings.
     */
    private void tellBoard() {
        long now = System.nanoTime();
        if (untold.isEmpty() || now - toldAt < TELL_EVERY.toNanos()) {
            return;
        }
        board.ingested(generation.current(), untold.values());
        untold.clear();
        meters.told(clock.millis());
        toldAt = now;
    }

    /** A new rebuild generation: what was applied is committed, and every partition starts over. */
    private void rebuild(KafkaConsumer<String, byte[]> consumer) {
        writes.flush(consumer);
        log.info(
                "Rebuild: generation {} -> {}, reading every input partition from the start",
                generation.previous(),
                generation.current());
        activities.clear();
        untold.clear();
        partitions.rewind(consumer);
        meters.forget();
    }

    /** Drops everything not committed: it is read again from the last commit. */
    private void abandon() {
        writes.abandon();
        untold.clear();
        meters.forget();
    }

    /** Forgets every uncommitted change and seeks {@code assigned} to where each starts. */
    private void reposition(KafkaConsumer<String, byte[]> consumer, Collection<TopicPartition> assigned) {
        activities.clear();
        writes.forgetUnwritten();
        untold.clear();
        meters.forget();
        partitions.reposition(consumer, assigned, generation.current());
    }

    /** What was applied is written and committed before another instance takes the partitions over. */
    void revoked(KafkaConsumer<String, byte[]> consumer, Collection<TopicPartition> revoked) {
        writes.flush(consumer);
        forget(revoked);
    }

    /** Partitions taken away without a chance to commit: what was applied is read again. */
    void lost(Collection<TopicPartition> lost) {
        abandon();
        forget(lost);
    }

    /** New partitions: each starts where its commit mark says. */
    void assigned(KafkaConsumer<String, byte[]> consumer, Collection<TopicPartition> added) {
        partitions.assigned(added);
        reposition(consumer, added);
    }

    private void forget(Collection<TopicPartition> gone) {
        partitions.forget(gone);
        // Another instance may write these articles now; re-read whatever this one touches next.
        activities.clear();
    }
}
