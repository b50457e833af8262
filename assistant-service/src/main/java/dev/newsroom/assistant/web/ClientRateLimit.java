package dev.newsroom.assistant.web;

import dev.newsroom.assistant.AssistantServiceProperties;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A Bucket4j token bucket per client address: a client may ask {@code burst} questions at once and
 * then {@code perMinute} a minute, refilled continuously (greedy refill). Each answer costs CPU
 * (and, with an LLM, money), so the limit protects the instance that does the work; the buckets are
 * kept in memory, per instance, because nothing about a reader's questions is written down, not
 * even how many they asked.
 *
 * <p>Bucket4j holds the buckets' arithmetic; this class holds which clients have one. The
 * addresses of clients idle long enough to be full again are forgotten once more than {@code
 * maxClients} are held, at most once a second so that a spray of addresses cannot make every
 * request scan them all; forgetting a full bucket changes nothing for its client.
 */
final class ClientRateLimit {

    private static final long PURGE_INTERVAL = Duration.ofSeconds(1).toNanos();

    private final AssistantServiceProperties.RateLimit settings;
    private final int maxClients;
    private final LongSupplier nanoTime;
    private final TimeMeter clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong lastPurge;

    ClientRateLimit(AssistantServiceProperties.RateLimit settings, int maxClients, LongSupplier nanoTime) {
        this.settings = settings;
        this.maxClients = maxClients;
        this.nanoTime = nanoTime;
        this.clock = new NanoTimeMeter(nanoTime);
        this.lastPurge = new AtomicLong(nanoTime.getAsLong() - PURGE_INTERVAL);
    }

    /** How many client addresses are held. */
    int clients() {
        return buckets.size();
    }

    /** Takes one question from the client's bucket: empty if admitted, else how long to wait. */
    Optional<Duration> take(String client) {
        long now = nanoTime.getAsLong();
        long purged = lastPurge.get();
        if (buckets.size() >= maxClients && now - purged >= PURGE_INTERVAL && lastPurge.compareAndSet(purged, now)) {
            buckets.values().removeIf(bucket -> bucket.getAvailableTokens() >= settings.burst());
        }
        Bucket bucket = buckets.computeIfAbsent(client == null ? "unknown" : client, key -> newBucket());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(limit ->
                        limit.capacity(settings.burst()).refillGreedy(settings.perMinute(), Duration.ofMinutes(1)))
                .withCustomTimePrecision(clock)
                .build();
    }

    /** Bucket4j's clock, read from the same source as the purge's (a test moves it by hand). */
    private record NanoTimeMeter(LongSupplier nanoTime) implements TimeMeter {

        @Override
        public long currentTimeNanos() {
            return nanoTime.getAsLong();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }
}
