package dev.newsroom.trending.messaging.ingest;

import dev.newsroom.trending.activity.ActivityRepository;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The rebuild generation the ingest works under, and how it notices a new one: every second it has
 * the writer thread read the stored generation, and acts on the answer once it is there, because a
 * read on the ingest thread could wait behind a long bulk write in the store and hold up the ingest
 * meanwhile. What a new generation means for the partitions is the {@link IngestLoop}'s to do.
 *
 * <p>Not thread-safe: owned by the ingest thread.
 */
final class RebuildGenerationCheck {

    private static final Duration EVERY = Duration.ofSeconds(1);

    private final ActivityRepository repository;
    private long generation;
    private long previous;
    private long checkedAt;
    private Future<Long> check;

    RebuildGenerationCheck(ActivityRepository repository) {
        this.repository = repository;
    }

    /** Reads the stored generation on this thread (when the ingest starts, before it subscribes). */
    void readNow() {
        generation = repository.generation();
        checkedAt = System.nanoTime();
        check = null;
    }

    /** The generation the ingest applies and commits under. */
    long current() {
        return generation;
    }

    /** The generation before the last change {@link #changed} reported. */
    long previous() {
        return previous;
    }

    /**
     * Called every loop: starts a read on the writer thread when one is due, and says whether a read
     * that finished found a new generation, which is the current one from then on.
     */
    boolean changed(WritePipeline writes) {
        Future<Long> pending = check;
        if (pending == null) {
            if (System.nanoTime() - checkedAt >= EVERY.toNanos()) {
                checkedAt = System.nanoTime();
                check = writes.onWriterThread(repository::generation);
            }
            return false;
        }
        if (!pending.isDone()) {
            return false;
        }
        check = null;
        long stored;
        try {
            stored = pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the generation", e);
        } catch (ExecutionException failed) {
            throw new IllegalStateException("Could not read the generation", failed.getCause());
        }
        if (stored == generation) {
            return false;
        }
        previous = generation;
        generation = stored;
        return true;
    }
}
