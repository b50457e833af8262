package dev.newsroom.comment.comment;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import dev.newsroom.platform.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Limits how many comments one user posts per minute. The counters live in the service's database,
 * as user-service's sign-in throttle does, so every instance counts the same posts. Each counter is
 * one document per user and calendar minute, created and incremented by one atomic upsert: no read
 * before the write, so two instances cannot both let the post that crosses the limit through. A
 * fixed window lets a user post up to twice the limit across a minute boundary; that is the price of
 * one write per post, and still stops a flood. Old counters are removed by a TTL index.
 */
class FloodControl {

    static final String COLLECTION = "comment_rates";
    static final String MESSAGE = "too many comments; try again later";
    private static final long WINDOW_SECONDS = 60;

    private final ReactiveMongoTemplate mongo;
    private final int perMinute;
    private final Clock clock;

    FloodControl(ReactiveMongoTemplate mongo, int perMinute, Clock clock) {
        this.mongo = mongo;
        this.perMinute = perMinute;
        this.clock = clock;
    }

    /** Counts a new comment by {@code userId}; fails with a 429 once the minute's limit is passed. */
    Mono<Void> admit(String userId) {
        Instant now = clock.instant();
        long window = now.getEpochSecond() / WINDOW_SECONDS;
        Instant windowEnd = Instant.ofEpochSecond((window + 1) * WINDOW_SECONDS);
        Update count = new Update().inc("count", 1).setOnInsert("expiresAt", windowEnd.plusSeconds(WINDOW_SECONDS));
        return mongo.findAndModify(
                        new Query(where("_id").is(key(userId, window))),
                        count,
                        FindAndModifyOptions.options().upsert(true).returnNew(true),
                        Document.class,
                        COLLECTION)
                // Two first posts of a minute at once: one insert loses, its retry increments.
                .retryWhen(Retry.max(3).filter(DuplicateKeyException.class::isInstance))
                .flatMap(counter -> ((Number) counter.get("count")).longValue() > perMinute
                        ? Mono.error(tooMany(Duration.between(now, windowEnd)))
                        : Mono.<Void>empty())
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
