package dev.newsroom.trending.ingest;

import com.mongodb.client.model.WriteModel;
import dev.newsroom.trending.TrendingProperties;
import dev.newsroom.trending.ranking.Activity;
import dev.newsroom.trending.ranking.Hours;
import dev.newsroom.trending.ranking.RecentViews;
import dev.newsroom.trending.ranking.Window;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes the three input topics in batches on one thread: decodes a poll's records into ops
 * (views through de-duplication), applies them to the articles' state (kept in memory for the
 * articles of this instance's partitions), and hands the batch's writes to a writer thread: every
 * changed article in one bulk write, then the batch's poison records to their dead-letter topics.
 * The next batch is decoded while that one is written; the consumer commits a batch once its
 * writes are done, before it hands out the next one (so at most one batch is in flight). A poison record never stops
 * its partition; a failed write re-reads from the last commit after a back-off, which the offsets
 * kept per article make exact.
 *
 * <p>Commits carry metadata: the rebuild generation they belong to and, for view partitions, the
 * newest record timestamp. On assignment a partition committed under an older generation starts
 * from the beginning (a rebuild that this instance missed); a view partition starts a little more
 * than the de-duplication window before its commit, to rebuild the recent viewers it forgot (those
 * records are re-decoded, but their ops are refused by the articles' offsets).
 *
 * <p>Several instances share the consumer group and split the partitions. All events of one
 * article share its partition number on the three topics (key = article id), and the range
 * assignor gives the same partition number of every topic to the same instance, so one instance
 * writes an article at a time. Should two ever apply the same events to the same stored state,
 * they write the same absolute values.
 */
@Component
public class IngestLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IngestLoop.class);
    private static final List<String> TOPICS =
            List.of(InputEvents.VIEWS_TOPIC, InputEvents.COMMENTS_TOPIC, InputEvents.ARTICLES_TOPIC);
    private static final Duration GENERATION_CHECK = Duration.ofSeconds(1);

    private final TrendingProperties properties;
    private final ActivityStore store;
    private final DeadLetters deadLetters;
    private final KafkaClients kafka;
    private final Decoder decoder;
    private final Clock clock;

    private final Map<String, Activity> cache = new HashMap<>();
    private final Map<TopicPartition, RecentViews> recentViews = new HashMap<>();
    /** Per partition: records below this offset were applied before (warm-up); no dead letters again. */
    private final Map<TopicPartition, Long> replayedUntil = new HashMap<>();

    private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();
    private final AtomicLong applied = new AtomicLong();
    private volatile boolean running;
    private volatile Thread thread;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private long generation;
    private long generationCheckedAt;
    private final Stats stats = new Stats();
    private ExecutorService writer;
    private Pending pending;

    IngestLoop(
            TrendingProperties properties,
            ActivityStore store,
            DeadLetters deadLetters,
            KafkaClients kafka,
            JsonMapper json,
            Clock clock) {
        this.properties = properties;
        this.store = store;
        this.deadLetters = deadLetters;
        this.kafka = kafka;
        this.decoder = new Decoder(json);
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "trending-ingest");
        // stop() ends it (the context calls it on shutdown); a JVM that exits anyway need not wait.
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
                worker.join(Duration.ofSeconds(30).toMillis());
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

    /** Whether this instance reads partition 0 of the views topic: the one that publishes rankings. */
    public boolean leads() {
        return assigned.contains(new TopicPartition(InputEvents.VIEWS_TOPIC, 0));
    }

    /** The input partitions this instance reads now. */
    public Set<TopicPartition> assignment() {
        return Set.copyOf(assigned);
    }

    /** Input events applied (or found already applied) since start, for the benchmark and metrics. */
    public long applied() {
        return applied.get();
    }

    private void run() {
        Map<String, Object> config = kafka.consumer(properties.ingest().group());
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.ingest().maxPollRecords());
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 16 * 1024 * 1024);
        // Range assignment gives partition n of all three topics to the same instance: one article, one writer.
        config.put(
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                org.apache.kafka.clients.consumer.RangeAssignor.class.getName());
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        writer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "trending-ingest-writer");
            thread.setDaemon(true);
            return thread;
        });
        KafkaConsumer<String, byte[]> created = new KafkaConsumer<>(config);
        try {
            consumer = created;
            generation = store.generation();
            generationCheckedAt = System.nanoTime();
            created.subscribe(TOPICS, new Rebalance(created));
            while (running) {
                try {
                    checkGeneration(created);
                    ConsumerRecords<String, byte[]> records =
                            created.poll(properties.ingest().pollTimeout());
                    if (!records.isEmpty()) {
                        process(created, records);
                    }
                } catch (WakeupException stopping) {
                    break;
                } catch (RuntimeException failure) {
                    if (!running) {
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
            abandonPending();
            writer.shutdown();
            closeQuickly(created);
            consumer = null;
            assigned.clear();
            cache.clear();
            recentViews.clear();
        }
    }

    /** A batch being written by the writer thread, and what to commit once it is. */
    private record Pending(Future<?> write, Map<TopicPartition, OffsetAndMetadata> commits) {}

    /**
     * Waits for the batch in flight and commits it. Runs on the consumer's thread (before a poll
     * hands out the next batch's partitions, before a rebalance takes any away, before a seek).
     */
    private void finishPending(KafkaConsumer<String, byte[]> consumer) {
        Pending current = pending;
        if (current == null) {
            return;
        }
        pending = null;
        try {
            current.write().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while writing a batch", e);
        } catch (ExecutionException failed) {
            throw new IllegalStateException("Could not write a batch", failed.getCause());
        }
        consumer.commitSync(current.commits());
    }

    /** Waits for the batch in flight without committing it (it is read again after a failure). */
    private void abandonPending() {
        Pending current = pending;
        pending = null;
        if (current != null) {
            try {
                current.write().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException ignored) {
                // it is read and written again from the last commit
            }
        }
    }

    private void process(KafkaConsumer<String, byte[]> consumer, ConsumerRecords<String, byte[]> records) {
        long started = System.nanoTime();
        long cutoffHour = Hours.ofMillis(clock.millis()) - Window.RETAINED_HOURS;
        Map<String, List<Op>> byArticle = new LinkedHashMap<>();
        List<DeadLetters.Letter> letters = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            String source = sourceOf(partition);
            RecentViews views = recentViews.computeIfAbsent(partition, p -> newRecentViews());
            long newest = 0;
            List<ConsumerRecord<String, byte[]>> partitionRecords = records.records(partition);
            for (ConsumerRecord<String, byte[]> record : partitionRecords) {
                newest = Math.max(newest, record.timestamp());
                try {
                    Op op = decoder.decode(record, source, views);
                    if (op != null) {
                        byArticle
                                .computeIfAbsent(op.articleId(), id -> new ArrayList<>())
                                .add(op);
                    }
                } catch (Decoder.PoisonEvent poison) {
                    if (record.offset() >= replayedUntil.getOrDefault(partition, 0L)) {
                        letters.add(new DeadLetters.Letter(record, poison.getMessage()));
                    }
                }
            }
            long next = partitionRecords.get(partitionRecords.size() - 1).offset() + 1;
            commits.put(partition, new OffsetAndMetadata(next, CommitMark.of(generation, newest)));
        }
        List<WriteModel<Document>> writes = apply(byArticle, cutoffHour);
        long decoded = System.nanoTime();
        // The previous batch was written meanwhile: wait for it, commit it, then hand this one over.
        finishPending(consumer);
        long waited = System.nanoTime();
        String group = properties.ingest().group();
        pending = new Pending(
                writer.submit(() -> {
                    store.bulkWrite(writes);
                    if (!letters.isEmpty()) {
                        deadLetters.send(letters, group);
                    }
                }),
                commits);
        applied.addAndGet(records.count());
        stats.batch(records.count(), byArticle.size(), decoded - started, waited - decoded);
    }

    /** Where batch time goes, logged every half minute at INFO (the benchmark reads it). */
    private static final class Stats {
        private long since = System.nanoTime();
        private long batches;
        private long records;
        private long articles;
        private long decodeNanos;
        private long waitNanos;

        void batch(int count, int touched, long decode, long wait) {
            batches++;
            records += count;
            articles += touched;
            decodeNanos += decode;
            waitNanos += wait;
            long elapsed = System.nanoTime() - since;
            if (elapsed > 30_000_000_000L) {
                log.info(
                        "Ingested {} records/s in {} batches ({} articles a batch); per batch: decode and apply {} ms,"
                                + " then waiting for the previous batch's write and commit {} ms",
                        records * 1_000_000_000L / elapsed,
                        batches,
                        articles / batches,
                        decodeNanos / batches / 1_000_000,
                        waitNanos / batches / 1_000_000);
                since = System.nanoTime();
                batches = 0;
                records = 0;
                articles = 0;
                decodeNanos = 0;
                waitNanos = 0;
            }
        }
    }

    private List<WriteModel<Document>> apply(Map<String, List<Op>> byArticle, long cutoffHour) {
        Set<String> missing = new HashSet<>(byArticle.keySet());
        missing.removeAll(cache.keySet());
        cache.putAll(store.load(missing, generation));
        List<Activity> changed = new ArrayList<>(byArticle.size());
        byArticle.forEach((articleId, ops) -> {
            Activity activity = cache.get(articleId);
            for (Op op : ops) {
                op.applyOnce(activity, cutoffHour);
            }
            activity.prune(cutoffHour);
            changed.add(activity);
        });
        return store.writesOf(changed);
    }

    /** Leaves the group; does not wait long for a broker that is already gone. */
    public static void closeQuickly(KafkaConsumer<?, ?> consumer) {
        try {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        } catch (RuntimeException failure) {
            log.debug("Closing a consumer failed", failure);
        }
    }

    /** On the way out: the batch in flight is written and committed if it can be. */
    private void finishQuietly(KafkaConsumer<String, byte[]> consumer) {
        try {
            finishPending(consumer);
        } catch (RuntimeException failure) {
            log.warn("Could not commit the last batch on stopping; it will be read again", failure);
        }
    }

    private void checkGeneration(KafkaConsumer<String, byte[]> consumer) {
        if (System.nanoTime() - generationCheckedAt < GENERATION_CHECK.toNanos()) {
            return;
        }
        generationCheckedAt = System.nanoTime();
        long current = store.generation();
        if (current != generation) {
            finishPending(consumer);
            log.info("Rebuild: generation {} -> {}, reading every input partition from the start", generation, current);
            generation = current;
            cache.clear();
            recentViews.clear();
            // Records before the current position were dead-lettered already: not again on the way.
            for (TopicPartition partition : consumer.assignment()) {
                replayedUntil.put(partition, consumer.position(partition));
            }
            consumer.seekToBeginning(consumer.assignment());
        }
    }

    /** Where each partition starts: see the class comment. */
    private void reposition(KafkaConsumer<String, byte[]> consumer, Collection<TopicPartition> partitions) {
        cache.clear();
        if (partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
        Map<TopicPartition, Long> warmUps = new HashMap<>();
        for (TopicPartition partition : partitions) {
            recentViews.put(partition, newRecentViews());
            replayedUntil.remove(partition);
            OffsetAndMetadata commit = committed.get(partition);
            CommitMark mark = commit == null ? null : CommitMark.parse(commit.metadata());
            if (commit == null || mark == null || mark.generation() < generation) {
                consumer.seekToBeginning(List.of(partition));
                continue;
            }
            replayedUntil.put(partition, commit.offset());
            consumer.seek(partition, commit.offset());
            if (partition.topic().equals(InputEvents.VIEWS_TOPIC) && mark.newestTimestamp() > 0) {
                long back = properties
                        .viewDedupWindow()
                        .plus(properties.viewDedupSlack())
                        .toMillis();
                warmUps.put(partition, Math.max(0, mark.newestTimestamp() - back));
            }
        }
        if (!warmUps.isEmpty()) {
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(warmUps);
            starts.forEach((partition, start) -> {
                if (start != null && start.offset() < replayedUntil.get(partition)) {
                    consumer.seek(partition, start.offset());
                }
            });
        }
    }

    private RecentViews newRecentViews() {
        return new RecentViews(
                properties.viewDedupWindow().toSeconds(),
                properties.viewDedupSlack().toSeconds());
    }

    static String sourceOf(TopicPartition partition) {
        String prefix = switch (partition.topic()) {
            case InputEvents.VIEWS_TOPIC -> "v";
            case InputEvents.COMMENTS_TOPIC -> "c";
            default -> "a";
        };
        return prefix + partition.partition();
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {

        private final KafkaConsumer<String, byte[]> consumer;

        Rebalance(KafkaConsumer<String, byte[]> consumer) {
            this.consumer = consumer;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // The batch in flight is written and committed before another instance takes over.
            finishPending(consumer);
            forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            abandonPending();
            forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assigned.addAll(partitions);
            reposition(consumer, partitions);
        }

        private void forget(Collection<TopicPartition> partitions) {
            assigned.removeAll(partitions);
            // Another instance may write these articles now; re-read whatever this one touches next.
            cache.clear();
            partitions.forEach(partition -> {
                recentViews.remove(partition);
                replayedUntil.remove(partition);
            });
        }
    }

    /** The metadata committed with an offset: {@code g=<generation>;t=<newest record timestamp>}. */
    record CommitMark(long generation, long newestTimestamp) {

        static String of(long generation, long newestTimestamp) {
            return "g=" + generation + ";t=" + newestTimestamp;
        }

        static CommitMark parse(String metadata) {
            if (metadata == null || !metadata.startsWith("g=")) {
                return null;
            }
            try {
                String[] parts = metadata.split(";");
                long generation = Long.parseLong(parts[0].substring(2));
                long newest = parts.length > 1 && parts[1].startsWith("t=") ? Long.parseLong(parts[1].substring(2)) : 0;
                return new CommitMark(generation, newest);
            } catch (NumberFormatException unreadable) {
                return null;
            }
        }
    }
}
