package dev.newsroom.comment.comment;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Duration;
import java.time.Instant;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The {@code comment_rates} collection: {@link FloodControl}'s counters, one document per key,
 * created and incremented by one atomic upsert (no read before the write, so two instances cannot
 * both miss the other's post), and removed by a TTL index once they expire.
 */
@Component
class FloodCounterRepository {

    static final String COLLECTION = "comment_rates";

    private final ReactiveMongoTemplate mongo;

    FloodCounterRepository(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Counters remove themselves once {@code expiresAt} has passed. */
    Mono<Void> createIndexes() {
        return mongo.indexOps(COLLECTION)
                .createIndex(new Index("expiresAt", Sort.Direction.ASC)
                        .named("expiresAt")
                        .expire(Duration.ZERO))
                .then();
    }

    /**
     * Adds one to the counter {@code key}, creating it (to expire at {@code expiresAt}) if it is not
     * there, and emits its new count.
     */
    Mono<Long> increment(String key, Instant expiresAt) {
        Update count = new Update().inc("count", 1).setOnInsert("expiresAt", expiresAt);
        return mongo.findAndModify(
                        new Query(where("_id").is(key)),
                        count,
                        FindAndModifyOptions.options().upsert(true).returnNew(true),
                        Document.class,
                        COLLECTION)
                // Two first posts of a minute at once: one insert loses, its retry increments.
                .retryWhen(Retry.max(3).filter(DuplicateKeyException.class::isInstance))
                .map(counter -> ((Number) counter.get("count")).longValue());
    }
}
