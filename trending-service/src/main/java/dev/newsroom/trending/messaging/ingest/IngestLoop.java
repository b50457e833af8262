package dev.newsroom.trending.ingest;

import com.mongodb.client.model.WriteModel;
import dev.newsroom.trending.TrendingServiceProperties;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
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
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes the three input topics in batches on one thread: decodes a poll's records into ops
 * (views through de-duplication) and applies them to the articles' state (kept in memory for the
 * articles of this instance's partitions). A writer thread stores the changes: every article
 * changed since the last write in one bulk write, then the poison records met meanwhile to their
 * dead-letter topics. While a write is in flight the consumer goes on polling and applying, and the
 * next write takes everything that changed meanwhile, so an article busy in many batches is written
 * once per write, and the write's size is bounded by the number of articles rather than the rate
 * (measured: a write of 760 articles took about as long as the decoding of five 4 000-record
 * batches). The consumer commits the offsets of a write once it is done; it waits for the write in
 * flight only when the records decoded since reach a few polls' worth. A poison record never stops
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
public class IngestLoop extends ConsumerThread {

    private static final Logger log = LoggerFactory.getLogger(IngestLoop.class);
    private static final List<String> TOPICS =
            List.of(InputEvents.VIEWS_TOPIC, InputEvents.COMMENTS_TOPIC, InputEvents.ARTICLES_TOPIC);
    private static final Duration GENERATION_CHECK = Duration.ofSeconds(1);
    /** The consumer waits for the write in flight once the records applied since reach this many polls. */
    private static final int PILE_UP_POLLS = 10;
    /** How often the {@link AppliedListener}s hear of changes (each hearing costs a copy per article). */
    static final Duration TELL_EVERY = Duration.ofMillis(100);

    private final TrendingServiceProperties properties;
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
    private long generation;
    private long generationCheckedAt;
    private Future<Long> generationCheck;
    private final Stats stats = new Stats();
    private final List<AppliedListener> appliedListeners = new CopyOnWriteArrayList<>();
    /** Articles changed since the listeners were last told, and when that was. */
    private final Map<String, Activity> untold = new LinkedHashMap<>();

    private long toldAt;
    private ExecutorService writer;
    private Pending pending;
    /** What the batches applied since the last hand-over changed, commit and dead-letter. */
    private final Map<String, Activity> unwritten = new LinkedHashMap<>();

    private final Map<TopicPartition, OffsetAndMetadata> unwrittenCommits = new HashMap<>();
    private final List<DeadLetters.Letter> unwrittenLetters = new ArrayList<>();
    private int unwrittenRecords;

    IngestLoop(
            TrendingServiceProperties properties,
            ActivityStore store,
            DeadLetters deadLetters,
            KafkaClients kafka,
            JsonMapper json,
            Clock clock) {
        // stop() (the context calls it on shutdown) waits this long for the last write to be abandoned.
        super("trending-ingest", Duration.ofSeconds(30));
        this.properties = properties;
        this.store = store;
        this.deadLetters = deadLetters;
        this.kafka = kafka;
        this.decoder = new Decoder(json);
        this.clock = clock;
    }

    /**
     * Told of the articles the batches applied since its last call changed, at most every {@link
     * #TELL_EVERY}, on the ingest thread, which owns them: before they are written, so a slow write
     * does not hold up the rankings. (Should the write fail, the same events are applied again from
     * the last commit and reach the same state.)
     */
    @FunctionalInterface
    public interface AppliedListener {

        /** {@code changed} may be read during the call only. */
        void applied(long generation, Collection<Activity> changed);
    }

    /** Adds a listener (before {@link #start()}). */
    public void onApplied(AppliedListener listener) {
        appliedListeners.add(listener);
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

    @Override
    protected void run() {
        Map<String, Object> config = kafka.consumer(properties.ingest().group());
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.ingest().maxPollRecords());
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 16 * 1024 * 1024);
        // Range assignment gives partition n of all three topics to the same instance: one article, one writer.
        config.put(
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                org.apache.kafka.clients.consumer.RangeAssignor.class.getName());
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        // Under load, fetch a few tens of milliseconds of events at a time rather than every record
        // as it arrives (hundreds of tiny polls a second cost the broker and this thread CPU).
        config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 64 * 1024);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        writer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "trending-ingest-writer");
            thread.setDaemon(true);
            return thread;
        });
        KafkaConsumer<String, byte[]> created = new KafkaConsumer<>(config);
        try {
            polling(created);
            generation = store.generation();
            generationCheckedAt = System.nanoTime();
            created.subscribe(TOPICS, new Rebalance(created));
            while (running()) {
                try {
                    checkGeneration(created);
                    ConsumerRecords<String, byte[]> records =
                            created.poll(properties.ingest().pollTimeout());
                    if (!records.isEmpty()) {
                        process(created, records);
                    }
                    tellListeners();
                    handOver(created, false);
                } catch (WakeupException stopping) {
                    break;
                } catch (RuntimeException failure) {
                    // Nothing applied after a failure is written: it is all read again from the last commit.
                    abandonPending();
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
            abandonPending();
            writer.shutdown();
            closeQuickly(created);
            polling(null);
            assigned.clear();
            cache.clear();
            recentViews.clear();
        }
    }

    /** A batch being written by the writer thread, and what to commit once it is. */
    private record Pending(Future<?> write, Map<TopicPartition, OffsetAndMetadata> commits) {}

    private void tellListeners() {
        long now = System.nanoTime();
        if (untold.isEmpty() || now - toldAt < TELL_EVERY.toNanos()) {
            return;
        }
        for (AppliedListener listener : appliedListeners) {
            listener.applied(generation, untold.values());
        }
        untold.clear();
        toldAt = now;
    }

    /**
     * Once the write in flight is done (or after waiting for it, when {@code wait} is set or too
     * much has piled up), commits it and hands everything applied since to the writer.
     */
    private void handOver(KafkaConsumer<String, byte[]> consumer, boolean wait) {
        boolean writing = pending != null && !pending.write().isDone();
        boolean pilingUp = unwrittenRecords >= properties.ingest().maxPollRecords() * PILE_UP_POLLS;
        if (writing && !wait && !pilingUp) {
            return;
        }
        finishPending(consumer);
        if (unwrittenCommits.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = store.writesOf(unwritten.values());
        List<DeadLetters.Letter> letters = List.copyOf(unwrittenLetters);
        String group = properties.ingest().group();
        pending = new Pending(
                writer.submit(() -> {
                    long started = System.nanoTime();
                    store.bulkWrite(writes);
                    if (!letters.isEmpty()) {
                        deadLetters.send(letters, group);
                    }
                    stats.wrote(System.nanoTime() - started);
                }),
                Map.copyOf(unwrittenCommits));
        stats.write(writes.size());
        forgetUnwritten();
    }

    /** Writes and commits everything applied so far: before partitions go, before a rebuild. */
    private void flush(KafkaConsumer<String, byte[]> consumer) {
        handOver(consumer, true);
        finishPending(consumer);
    }

    private void forgetUnwritten() {
        unwritten.clear();
        unwrittenCommits.clear();
        unwrittenLetters.clear();
        unwrittenRecords = 0;
    }

    /**
     * Waits for the write in flight and commits it. Runs on the consumer's thread (before a poll
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

    /**
     * Waits for the write in flight without committing it, and drops what was applied since: all of
     * it is read again from the last commit after a failure.
     */
    private void abandonPending() {
        forgetUnwritten();
        untold.clear();
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
        for (Activity activity : apply(byArticle, cutoffHour)) {
            unwritten.put(activity.articleId(), activity);
            untold.put(activity.articleId(), activity);
        }
        unwrittenCommits.putAll(commits);
        unwrittenLetters.addAll(letters);
        unwrittenRecords += records.count();
        long decoded = System.nanoTime();
        handOver(consumer, false);
        long waited = System.nanoTime();
        applied.addAndGet(records.count());
        stats.batch(records.count(), decoded - started, waited - decoded);
    }

    /** Where batch time goes, logged every half minute at INFO (the benchmark reads it). */
    private static final class Stats {
        private long since = System.nanoTime();
        private long batches;
        private long records;
        private long writes;
        private long written;
        private long decodeNanos;
        private long waitNanos;
        /** Written by the writer thread. */
        private final AtomicLong writeNanos = new AtomicLong();

        private final AtomicLong longestWriteNanos = new AtomicLong();

        void write(int articles) {
            writes++;
            written += articles;
        }

        void wrote(long nanos) {
            writeNanos.addAndGet(nanos);
            longestWriteNanos.accumulateAndGet(nanos, Math::max);
        }

        void batch(int count, long decode, long wait) {
            batches++;
            records += count;
            decodeNanos += decode;
            waitNanos += wait;
            long elapsed = System.nanoTime() - since;
            if (elapsed > 30_000_000_000L) {
                log.info(
                        "Ingested {} records/s in {} batches and {} writes ({} articles a write, {} ms on average,"
                                + " longest {} ms); per batch: decode and apply {} ms, then waiting for the write in"
                                + " flight {} ms",
                        records * 1_000_000_000L / elapsed,
                        batches,
                        writes,
                        writes == 0 ? 0 : written / writes,
                        writes == 0 ? 0 : writeNanos.getAndSet(0) / writes / 1_000_000,
                        longestWriteNanos.getAndSet(0) / 1_000_000,
                        decodeNanos / batches / 1_000_000,
                        waitNanos / batches / 1_000_000);
                since = System.nanoTime();
                batches = 0;
                records = 0;
                writes = 0;
                written = 0;
                decodeNanos = 0;
                waitNanos = 0;
            }
        }
    }

    private List<Activity> apply(Map<String, List<Op>> byArticle, long cutoffHour) {
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
        return changed;
    }

    /**
     * Every {@link #GENERATION_CHECK}, asks the writer thread to read the store's generation, and
     * acts on the answer once it is there: a read on this thread could wait behind a long bulk write
     * in the store and hold up the ingest meanwhile.
     */
    private void checkGeneration(KafkaConsumer<String, byte[]> consumer) {
        Future<Long> check = generationCheck;
        if (check == null) {
            if (System.nanoTime() - generationCheckedAt >= GENERATION_CHECK.toNanos()) {
                generationCheckedAt = System.nanoTime();
                generationCheck = writer.submit(store::generation);
            }
            return;
        }
        if (!check.isDone()) {
            return;
        }
        generationCheck = null;
        long current;
        try {
            current = check.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the generation", e);
        } catch (ExecutionException failed) {
            throw new IllegalStateException("Could not read the generation", failed.getCause());
        }
        if (current != generation) {
            flush(consumer);
            log.info("Rebuild: generation {} -> {}, reading every input partition from the start", generation, current);
            generation = current;
            cache.clear();
            untold.clear();
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
        forgetUnwritten();
        untold.clear();
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
            // What was applied is written and committed before another instance takes over.
            flush(consumer);
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
