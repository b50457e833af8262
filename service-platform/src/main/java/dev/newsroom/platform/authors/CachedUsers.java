package dev.newsroom.platform.authors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.newsroom.platform.projection.ProjectedFields;
import dev.newsroom.platform.projection.Projection;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * The users projection's profiles by id, remembered for a moment ({@code newsroom.authors.cache-ttl},
 * 500 ms by default): a hot story is read thousands of times a second, and every read would
 * otherwise ask the store for the same few authors. A page asks the store only for the authors it
 * does not have in memory, in one {@code _id $in} query.
 *
 * <p>Why a profile change still shows on every story within the 1 s the read path promises: the
 * instance that applies a user's event ({@link #changed}) forgets that user at once, so it never
 * serves the profile it replaced. The service's other instances share its consumer group and its
 * store, so they do not apply that event themselves: they see the new profile once what they
 * remember expires, at most the ttl after the event was applied (plus one query's time, for a read
 * that was under way). An event is applied 60-330 ms after user-service wrote it (measured in the
 * services' tests), so a ttl of 500 ms keeps the sum under 1 s.
 *
 * <p>Only users the store knows are remembered, so a user who has just registered shows as soon as
 * the event is applied here, whoever applied it. Follow edges and usernames (the {@code author=}
 * filter) are not kept here: they are read from the store every time.
 */
final class CachedUsers {

    private final Projection<ProjectedUser> store;
    /** Users by id, as the store last gave them; null when the ttl is 0. */
    private final Cache<String, ProjectedUser> recent;
    /** Counts the users forgotten here, so that a lookup that overlapped a change does not keep its answer. */
    private long forgotten;

    /**
     * @param ttl how long a user read from the store is reused ({@code 0}: never)
     * @param maxSize how many users are kept at most
     * @param ticker the time the ttl is measured in (the system's nanoTime outside tests)
     */
    CachedUsers(Projection<ProjectedUser> store, Duration ttl, long maxSize, Ticker ticker) {
        this.store = store;
        this.recent = ttl.isZero()
                ? null
                : Caffeine.newBuilder()
                        .expireAfterWrite(ttl)
                        .maximumSize(maxSize)
                        .ticker(ticker)
                        .build();
    }

    /** The users with these ids that the copy knows, by id: those in memory, and the others from one query. */
    Mono<Map<String, ProjectedUser>> byIds(Set<String> ids) {
        if (recent == null) {
            return store.byIds(ids);
        }
        return Mono.defer(() -> {
            Map<String, ProjectedUser> known = recent.getAllPresent(ids);
            if (known.size() == ids.size()) {
                return Mono.just(known);
            }
            List<String> missing =
                    ids.stream().filter(id -> !known.containsKey(id)).toList();
            long before = forgottenSoFar();
            return store.byIds(missing).map(found -> {
                keep(found, before);
                Map<String, ProjectedUser> all = new HashMap<>(known);
                all.putAll(found);
                return all;
            });
        });
    }

    /**
     * Records a user's profile in the store ({@link Projection#changed}) and forgets what this
     * instance remembered of them before the write's result is passed on, so that the next read
     * here shows the new profile. Forgets also when the write failed or changed nothing (a stale or
     * repeated event): one more query then is cheaper than reasoning about which.
     */
    Mono<Boolean> changed(String eventId, String userId, Instant at, ProjectedFields fields) {
        return store.changed(eventId, userId, at, fields)
                .doOnNext(applied -> forget(userId))
                .doOnError(failed -> forget(userId));
    }

    /** Drops what is remembered of {@code userId}, and whatever lookups still running would keep. */
    synchronized void forget(String userId) {
        if (recent != null) {
            forgotten++;
            recent.invalidate(userId);
        }
    }

    private synchronized long forgottenSoFar() {
        return forgotten;
    }

    /** Keeps what the store answered unless a user was forgotten here while it was being read. */
    private synchronized void keep(Map<String, ProjectedUser> found, long forgottenBefore) {
        if (forgotten == forgottenBefore) {
            recent.putAll(found);
        }
    }
}
