package dev.newsroom.trending.messaging.ingest;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the ingest's time goes, logged every half minute at INFO: records per second, batches and
 * the time spent decoding and applying them, writes, their size and duration, and how long the
 * consumer waited for the write in flight. {@code bench/trending-ingest.sh} prints these lines
 * (it looks for "Ingested"), so their wording is part of the benchmark.
 *
 * <p>Counted by the ingest thread, except for the writes' durations, which the writer thread adds.
 */
final class IngestStats {

    private static final Logger log = LoggerFactory.getLogger(IngestStats.class);
    private static final long EVERY_NANOS = 30_000_000_000L;

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

    /** A write of {@code articles} articles was handed to the writer (ingest thread). */
    void write(int articles) {
        writes++;
        written += articles;
    }

    /** A write took {@code nanos} (writer thread). */
    void wrote(long nanos) {
        writeNanos.addAndGet(nanos);
        longestWriteNanos.accumulateAndGet(nanos, Math::max);
    }

    /** A batch of {@code count} records was decoded and applied, then waited for the write in flight. */
    void batch(int count, long decode, long wait) {
        batches++;
        records += count;
        decodeNanos += decode;
        waitNanos += wait;
        long elapsed = System.nanoTime() - since;
        if (elapsed > EVERY_NANOS) {
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
