package dev.newsroom.user.account;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import org.bson.Document;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code login_failures} collection that {@link LoginThrottle} counts in: one counter per key
 * (an account or a client address) with the end of its window. MongoDB deletes a counter once its
 * window is over, so the collection holds only the failures that still count.
 */
@Repository
class LoginFailureRepository implements SmartInitializingSingleton {

    static final String COLLECTION = "login_failures";

    /** A counter that has not ended yet. */
    record Counter(String key, int count, Instant expiresAt) {}

    private final ReactiveMongoTemplate mongo;

    LoginFailureRepository(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterSingletonsInstantiated() {
        mongo.indexOps(COLLECTION)
                .createIndex(new Index("expiresAt", Sort.Direction.ASC)
                        .expire(Duration.ZERO)
                        .named("expiresAt"))
                .block();
    }

    /** The counters of {@code keys} whose window has not ended at {@code now}. */
    Flux<Counter> live(Collection<String> keys, Instant now) {
        return mongo.find(
                        new Query(
                                Criteria.where("_id").in(keys).and("expiresAt").gt(now)),
                        Document.class,
                        COLLECTION)
                .map(counter -> new Counter(
                        counter.getString("_id"),
                        counter.getInteger("count", 0),
                        counter.getDate("expiresAt").toInstant()));
    }

    /** Counts one more failure in the live window of {@code key}, or starts a new window of one. */
    Mono<Void> increment(String key, Instant now, Duration window) {
        Query live = new Query(Criteria.where("_id").is(key).and("expiresAt").gt(now));
        Query any = new Query(Criteria.where("_id").is(key));
        Update restart = new Update().set("count", 1).set("expiresAt", now.plus(window));
        return mongo.findAndModify(
                        live, new Update().inc("count", 1), FindAndModifyOptions.none(), Document.class, COLLECTION)
                .switchIfEmpty(mongo.upsert(any, restart, COLLECTION).then(Mono.empty()))
                .then();
    }

    Mono<Void> forget(String key) {
        return mongo.remove(new Query(Criteria.where("_id").is(key)), COLLECTION)
                .then();
    }
}
