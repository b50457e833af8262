package dev.newsroom.comment.comment;

import dev.newsroom.platform.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import reactor.core.publisher.Mono;

/**
 * Limits how many comments one user posts per minute. The counters live in the service's database
 * ({@link FloodCounterRepository}), as user-service's sign-in throttle does, so every instance counts
 * the same posts. Each counter is one document per user and calendar minute, created and incremented
 * by one atomic upsert: no read before the write, so two instances cannot both let the post that
 * crosses the limit through. A fixed window lets a user post up to twice the limit across a minute
 * boundary; that is the price of one write per post, and still stops a flood. Old counters are
 * removed by a TTL index.
 */
class FloodControl {

    static final String MESSAGE = "too many comments; try again later";
    private static final long WINDOW_SECONDS = 60;

    private final FloodCounterRepository counters;
    private final int perMinute;
    private final Clock clock;

    FloodControl(FloodCounterRepository counters, int perMinute, Clock clock) {
        this.counters = counters;
        this.perMinute = perMinute;
        this.clock = clock;
    }

    /** Counts a new comment by {@code userId}; fails with a 429 once the minute's limit is passed. */
    Mono<Void> admit(String userId) {
        Instant now = clock.instant();
        long window = now.getEpochSecond() / WINDOW_SECONDS;
        Instant windowEnd = Instant.ofEpochSecond((window + 1) * WINDOW_SECONDS);
        return counters.increment(key(userId, window), windowEnd.plusSeconds(WINDOW_SECONDS))
                .flatMap(count ->
                        count > perMinute ? Mono.error(tooMany(Duration.between(now, windowEnd))) : Mono.<Void>empty())
                .then();
    }

    static String key(String userId, long window) {
        return userId + "@" + window;
    }

    /** Rounded up to whole seconds, so a client that waits as told is admitted. */
    private static ApiException tooMany(Duration untilWindowEnd) {
        return ApiException.tooManyRequests("comment", MESSAGE, untilWindowEnd.plusMillis(999));
    }
}
