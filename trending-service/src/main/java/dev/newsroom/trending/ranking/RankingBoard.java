package dev.newsroom.trending.ranking;

import dev.newsroom.trending.TrendingServiceProperties;
import dev.newsroom.trending.activity.Activity;
import dev.newsroom.trending.activity.ActivityRepository;
import dev.newsroom.trending.activity.Standing;
import dev.newsroom.trending.activity.VersionedStanding;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The current rankings of this instance, recomputed every refresh interval from every article's
 * standing, kept in memory. Standings come three ways. The ingest loop of this instance tells it of
 * the articles it changed as soon as it has applied their events, before it writes them (so its own
 * events count within a refresh interval, however long the write takes); each refresh hands those
 * to the {@linkplain #onShare sharing listener}, which sends them to the other instances, and what
 * they send arrives through {@link #shared} (so what another instance ingested counts about as
 * soon, without waiting for its write to the store). And every store-read interval the board
 * re-reads the articles written since its last read (with an overlap, for writes that took a while
 * to land): the safety net for a shared standing that never arrived, and the way an instance that
 * starts learns what was ingested before it. Of two standings of one article the one with the
 * higher {@link Activity#version() version} wins, so a late or repeated copy never undoes newer
 * changes. Every instance ends with the same standings, so the API of any instance answers the
 * full rankings whichever instance ingested the events.
 */
@Component
public class RankingBoard implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RankingBoard.class);
    /**
     * Writes are stamped when a bulk write starts and land up to its duration later (a second or
     * two on a busy machine); each refresh reads that far back again.
     */
    private static final Duration OVERLAP = Duration.ofSeconds(10);
    /** A safety net: every so often the whole collection is read again. */
    private static final Duration FULL_READ = Duration.ofMinutes(1);

    private final ActivityRepository store;
    private final Scoring scoring;
    private final TrendingServiceProperties properties;
    private final Clock clock;
    private final List<Consumer<Rankings>> listeners = new CopyOnWriteArrayList<>();
    private volatile Consumer<Collection<VersionedStanding>> sharing = shared -> {};

    // The refresh thread's: every article's standing and version, under the store's generation.
    private final Map<String, Standing> standings = new HashMap<>();
    private final Map<String, Long> versions = new HashMap<>();
    private long generation = -1;
    // Handed to the refresh thread by the ingest loop and the reader.
    private final Queue<List<VersionedStanding>> ingested = new ConcurrentLinkedQueue<>();
    private final Queue<List<VersionedStanding>> fromPeers = new ConcurrentLinkedQueue<>();
    private final Queue<StoreRead> storeReads = new ConcurrentLinkedQueue<>();
    // The reader thread's.
    private long readGeneration = -1;
    private Instant readSince;
    private Instant fullReadAt;
    private volatile Rankings current;
    private volatile ScheduledExecutorService scheduler;

    RankingBoard(ActivityRepository store, Scoring scoring, TrendingServiceProperties properties, Clock clock) {
        this.store = store;
        this.scoring = scoring;
        this.properties = properties;
        this.clock = clock;
        this.current = Rankings.empty(clock.instant());
    }

    /** The latest rankings (computed at most a refresh interval ago). */
    public Rankings current() {
        return current;
    }

    /** Called with every new set of rankings, on the refresh thread. */
    public void onRefresh(Consumer<Rankings> listener) {
        listeners.add(listener);
    }

    /**
     * Called on the refresh thread with the standings this instance ingested since the last
     * refresh (the newest of each article), for the other instances; it must not block.
     */
    public void onShare(Consumer<Collection<VersionedStanding>> listener) {
        sharing = listener;
    }

    /**
     * Standings another instance ingested and shared, in any order and possibly again: each counts
     * from the next refresh on unless this board knows a newer one.
     */
    public void shared(List<VersionedStanding> standings) {
        if (!standings.isEmpty()) {
            fromPeers.add(standings);
        }
    }

    /**
     * The articles this instance's ingest loop just changed, under its rebuild generation, before
     * they are written (so a slow write does not hold up the rankings; should the write fail, the
     * same events are applied again from the last commit and reach the same state). Called on the
     * ingest thread, which owns them, so their standings are taken here; {@code changed} may be read
     * during the call only. They count from the next refresh on.
     */
    public void ingested(long generation, Collection<Activity> changed) {
        if (!changed.isEmpty()) {
            List<VersionedStanding> taken = new ArrayList<>(changed.size());
            for (Activity activity : changed) {
                taken.add(VersionedStanding.of(generation, activity));
            }
            ingested.add(taken);
        }
    }

    /** What one read of the store found, for the refresh thread to take in. */
    private record StoreRead(long generation, List<VersionedStanding> written) {}

    /**
     * On the reader thread: the articles written since the last read (all of them after a rebuild
     * started and every {@link #FULL_READ}). It runs apart from the refresh, so a store busy with a
     * long write delays what other instances ingested, never this instance's own changes.
     */
    private void readStore() {
        long stored = store.generation();
        Instant startedAt = clock.instant();
        if (stored != readGeneration || fullReadAt == null || startedAt.isAfter(fullReadAt.plus(FULL_READ))) {
            readGeneration = stored;
            readSince = null;
            fullReadAt = startedAt;
        }
        storeReads.add(new StoreRead(stored, store.standingsSince(readSince)));
        readSince = startedAt.minus(OVERLAP);
    }

    /**
     * On the refresh thread: takes in what the store, the other instances and the ingest loop
     * brought, recomputes, and shares what this instance ingested.
     */
    private void refresh() {
        for (StoreRead read = storeReads.poll(); read != null; read = storeReads.poll()) {
            if (read.generation() != generation) {
                generation = read.generation();
                standings.clear();
                versions.clear();
            }
            for (VersionedStanding written : read.written()) {
                if (written.generation() == generation) {
                    keepNewer(written);
                } else {
                    standings.remove(written.articleId());
                    versions.remove(written.articleId());
                }
            }
        }
        for (List<VersionedStanding> batch = fromPeers.poll(); batch != null; batch = fromPeers.poll()) {
            batch.forEach(this::keepNewer);
        }
        Map<String, VersionedStanding> own = new LinkedHashMap<>();
        for (List<VersionedStanding> batch = ingested.poll(); batch != null; batch = ingested.poll()) {
            for (VersionedStanding changed : batch) {
                if (keepNewer(changed)) {
                    own.put(changed.articleId(), changed);
                }
            }
        }
        Rankings rankings = Rankings.compute(standings.values(), scoring, clock.instant(), properties.depth());
        current = rankings;
        for (Consumer<Rankings> listener : listeners) {
            listener.accept(rankings);
        }
        if (!own.isEmpty()) {
            sharing.accept(own.values());
        }
    }

    private static Runnable quietly(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException failure) {
                log.warn("Could not {}; keeping the last rankings", what, failure);
            }
        };
    }

    /** Takes in a standing of the current generation unless a newer one is known; says whether it did. */
    private boolean keepNewer(VersionedStanding candidate) {
        if (candidate.generation() != generation) {
            return false;
        }
        Long known = versions.get(candidate.articleId());
        if (known != null && candidate.version() < known) {
            return false;
        }
        standings.put(candidate.articleId(), candidate.standing());
        versions.put(candidate.articleId(), candidate.version());
        return true;
    }

    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        AtomicInteger threads = new AtomicInteger();
        scheduler = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "trending-rankings-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        long read = properties.storeReadInterval().toMillis();
        scheduler.scheduleWithFixedDelay(quietly("read the store", this::readStore), 0, read, TimeUnit.MILLISECONDS);
        long every = properties.refreshInterval().toMillis();
        scheduler.scheduleWithFixedDelay(
                quietly("recompute the rankings", this::refresh), 0, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
