package dev.newsroom.platform.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Documents whose events failed to go out recently, each left alone for a growing while. Backing off
 * per document keeps one that keeps failing (an event Kafka refuses, a topic that does not exist)
 * from slowing down every other document, while a broker that is down for all of them still gets
 * fewer and fewer attempts.
 */
final class RestingDocuments {

    static final Duration FIRST_RETRY = Duration.ofMillis(250);
    static final Duration LAST_RETRY = Duration.ofSeconds(30);

    /** Kept this long after a rest ran out, so that the next failure backs off further. */
    private static final Duration MEMORY = Duration.ofMinutes(5);

    private final Map<String, Map<Object, Rest>> resting = new ConcurrentHashMap<>();

    /** The wait after {@code attempts} failures in a row: doubling from a quarter second up to 30 s. */
    static Duration delay(int attempts) {
        Duration delay = FIRST_RETRY.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 16));
        return delay.compareTo(LAST_RETRY) > 0 ? LAST_RETRY : delay;
    }

    /** The ids in {@code collection} to leave out of a sweep at {@code now}. */
    List<Object> at(String collection, Instant now) {
        Map<Object, Rest> documents = documents(collection);
        documents.values().removeIf(rest -> rest.until().plus(MEMORY).isBefore(now));
        return documents.entrySet().stream()
                .filter(entry -> entry.getValue().until().isAfter(now))
                .map(Map.Entry::getKey)
                .toList();
    }

    /** Records that relaying the document stopped at a failure with {@code pending} of its events left. */
    void failed(String collection, Object id, int pending, Instant now) {
        documents(collection)
                .merge(id, new Rest(1, now.plus(delay(1)), pending), (earlier, first) -> earlier.again(now, pending));
    }

    /**
     * Events left in documents whose last attempt failed: what is stuck rather than merely waiting.
     * A document relayed by another instance meanwhile counts until it is forgotten.
     */
    long pending(String collection) {
        return documents(collection).values().stream().mapToLong(Rest::pending).sum();
    }

    void relayed(String collection, Object id) {
        documents(collection).remove(id);
    }

    private Map<Object, Rest> documents(String collection) {
        return resting.computeIfAbsent(collection, name -> new ConcurrentHashMap<>());
    }

    private record Rest(int attempts, Instant until, int pending) {

        Rest again(Instant now, int stillPending) {
            return new Rest(attempts + 1, now.plus(delay(attempts + 1)), stillPending);
        }
    }
}
