package dev.newsroom.trending.messaging.ingest;

import dev.newsroom.trending.activity.Activity;
import dev.newsroom.trending.activity.ActivityRepository;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Writes what the ingest applied and commits it once written. A writer thread stores every article
 * changed since the last hand-over in one bulk write, then sends the poison records met meanwhile
 * to their dead-letter topics; once both are done, the ingest thread commits the offsets they
 * cover. While a write is in flight the ingest goes on polling and applying, and the next write
 * takes everything that changed meanwhile, so an article busy in many batches is written once per
 * write, and a write's size is bounded by the number of articles rather than the rate (measured: a
 * write of 760 articles took about as long as the decoding of five 4 000-record batches). The
 * ingest waits for the write in flight only when the records applied since reach {@link
 * #PILE_UP_POLLS} polls' worth.
 *
 * <p>Everything but the write itself runs on the ingest thread, which owns the consumer: commits
 * happen there (before a poll hands out the next batch's partitions, before a rebalance takes any
 * away, before a seek).
 */
final class WritePipeline {

    /** The consumer waits for the write in flight once the records applied since reach this many polls. */
    private static final int PILE_UP_POLLS = 10;

    private final ActivityRepository repository;
    private final DeadLetterWriter deadLetters;
    private final IngestStats stats;
    private final String group;
    private final int pileUp;

    private ExecutorService writer;
    private Pending pending;
    /** What the batches applied since the last hand-over changed, commit and dead-letter. */
    private final Map<String, Activity> unwritten = new LinkedHashMap<>();

    private final Map<TopicPartition, OffsetAndMetadata> unwrittenCommits = new HashMap<>();
    private final List<DeadLetterWriter.Letter> unwrittenLetters = new ArrayList<>();
    private int unwrittenRecords;

    WritePipeline(
            ActivityRepository repository,
            DeadLetterWriter deadLetters,
            IngestStats stats,
            String group,
            int maxPollRecords) {
        this.repository = repository;
        this.deadLetters = deadLetters;
        this.stats = stats;
        this.group = group;
        this.pileUp = maxPollRecords * PILE_UP_POLLS;
    }

    /** A batch being written by the writer thread, and what to commit once it is. */
    private record Pending(Future<?> write, Map<TopicPartition, OffsetAndMetadata> commits) {}

    /** Starts the writer thread (when the ingest starts). */
    void open() {
        writer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "trending-ingest-writer");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Drops what is not written and lets the writer thread end (when the ingest stops). */
    void close() {
        abandon();
        writer.shutdown();
    }

    /** Runs {@code task} on the writer thread, after the writes handed over before it. */
    <T> Future<T> onWriterThread(Callable<T> task) {
        return writer.submit(task);
    }

    /** An article a batch changed: written with the next hand-over. */
    void changed(Activity activity) {
        unwritten.put(activity.articleId(), activity);
    }

    /** What a batch of {@code records} records commits, and its poison records: the next hand-over's. */
    void applied(Map<TopicPartition, OffsetAndMetadata> commits, List<DeadLetterWriter.Letter> letters, int records) {
        unwrittenCommits.putAll(commits);
        unwrittenLetters.addAll(letters);
        unwrittenRecords += records;
    }

    /**
     * Once the write in flight is done (or after waiting for it, when {@code wait} is set or too
     * much has piled up), commits it and hands everything applied since to the writer.
     */
    void handOver(KafkaConsumer<String, byte[]> consumer, boolean wait) {
        boolean writing = pending != null && !pending.write().isDone();
        boolean pilingUp = unwrittenRecords >= pileUp;
        if (writing && !wait && !pilingUp) {
            return;
        }
        finishPending(consumer);
        if (unwrittenCommits.isEmpty()) {
            return;
        }
        ActivityRepository.PreparedWrite writes = repository.prepare(unwritten.values());
        List<DeadLetterWriter.Letter> letters = List.copyOf(unwrittenLetters);
        pending = new Pending(
                writer.submit(() -> {
                    long started = System.nanoTime();
                    repository.write(writes);
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
    void flush(KafkaConsumer<String, byte[]> consumer) {
        handOver(consumer, true);
        finishPending(consumer);
    }

    /** Forgets what was applied but not handed over: it is read again from the last commit. */
    void forgetUnwritten() {
        unwritten.clear();
        unwrittenCommits.clear();
        unwrittenLetters.clear();
        unwrittenRecords = 0;
    }

    /**
     * Waits for the write in flight without committing it, and drops what was applied since: all of
     * it is read again from the last commit after a failure.
     */
    void abandon() {
        forgetUnwritten();
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

    /** Waits for the write in flight and commits it. */
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
}
