package dev.newsroom.trending.board;

import dev.newsroom.trending.TrendingProperties;
import dev.newsroom.trending.ingest.ActivityStore;
import dev.newsroom.trending.ranking.Rankings;
import dev.newsroom.trending.ranking.Scoring;
import dev.newsroom.trending.ranking.Standing;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The current rankings of this instance, recomputed every refresh interval from the shared
 * database: it re-reads the articles written since the last refresh (with an overlap, for writes
 * that took a while to land), keeps every article's standing in memory, and computes all rankings
 * from scratch. Every instance reads the same documents, so the API of any instance answers the
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

    private final ActivityStore store;
    private final Scoring scoring;
    private final TrendingProperties properties;
    private final Clock clock;
    private final List<Consumer<Rankings>> listeners = new CopyOnWriteArrayList<>();

    private final Map<String, Standing> standings = new HashMap<>();
    private long generation = -1;
    private Instant readSince;
    private Instant fullReadAt;
    private volatile Rankings current;
    private volatile ScheduledExecutorService scheduler;

    RankingBoard(ActivityStore store, Scoring scoring, TrendingProperties properties, Clock clock) {
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

    /** Recomputes now, synchronised with the scheduled refresh. */
    public Rankings refresh() {
        synchronized (standings) {
            return refreshLocked();
        }
    }

    private Rankings refreshLocked() {
        long stored = store.generation();
        if (stored != generation) {
            generation = stored;
            standings.clear();
            readSince = null;
        }
        Instant startedAt = clock.instant();
        if (fullReadAt == null || startedAt.isAfter(fullReadAt.plus(FULL_READ))) {
            readSince = null;
            fullReadAt = startedAt;
        }
        for (ActivityStore.StoredStanding written : store.standingsSince(readSince)) {
            if (written.generation() == generation) {
                standings.put(written.standing().articleId(), written.standing());
            } else {
                standings.remove(written.standing().articleId());
            }
        }
        readSince = startedAt.minus(OVERLAP);
        Rankings rankings = Rankings.compute(standings.values(), scoring, clock.instant(), properties.depth());
        current = rankings;
        for (Consumer<Rankings> listener : listeners) {
            listener.accept(rankings);
        }
        return rankings;
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException failure) {
            log.warn("Could not refresh the rankings; keeping the last ones", failure);
        }
    }

    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "trending-rankings");
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.refreshInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::refreshQuietly, 0, every, TimeUnit.MILLISECONDS);
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
