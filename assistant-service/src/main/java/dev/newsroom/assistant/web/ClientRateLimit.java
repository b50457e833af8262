package dev.newsroom.assistant.web;

import dev.newsroom.assistant.AssistantServiceProperties;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A token bucket per client address: a client may ask {@code burst} questions at once and then
 * {@code perMinute} a minute, refilled continuously. Each answer costs CPU (and, with an LLM, money),
 * so the limit protects the instance that does the work; it is kept in memory, per instance,
 * because nothing about a reader's questions is written down, not even how many they asked.
 *
 * <p>The addresses of clients idle long enough to be full again are forgotten once more than
 * {@code maxClients} are held, at most once a second so that a spray of addresses cannot make
 * every request scan them all; forgetting a full bucket changes nothing for its client.
 */
final class ClientRateLimit {

    private static final long PURGE_INTERVAL = Duration.ofSeconds(1).toNanos();

    private final double capacity;
    private final double perNano;
    private final int maxClients;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong lastPurge;

    ClientRateLimit(AssistantServiceProperties.RateLimit settings, int maxClients, LongSupplier nanoTime) {
        this.capacity = settings.burst();
        this.perNano = settings.perMinute() / (double) Duration.ofMinutes(1).toNanos();
        this.maxClients = maxClients;
        this.nanoTime = nanoTime;
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
            buckets.values().removeIf(bucket -> bucket.isFull(now));
        }
        Bucket bucket = buckets.computeIfAbsent(client == null ? "unknown" : client, key -> new Bucket(now));
        return bucket.take(now);
    }

    private final class Bucket {

        private double tokens = capacity;
        private long updated;

        Bucket(long now) {
            this.updated = now;
        }

        synchronized Optional<Duration> take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos((long) Math.ceil((1 - tokens) / perNano)));
        }

        synchronized boolean isFull(long now) {
            refill(now);
            return tokens >= capacity;
        }

        private void refill(long now) {
            tokens = Math.min(capacity, tokens + (now - updated) * perNano);
            updated = now;
        }
    }
}
