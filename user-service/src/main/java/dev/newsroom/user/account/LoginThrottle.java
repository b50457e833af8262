package dev.newsroom.user.account;

import dev.newsroom.platform.web.ApiException;
import dev.newsroom.user.UserServiceProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Refuses sign-in for a while after repeated failures for one email or from one client address. The
 * counters live in the service's database, so every instance sees the same ones, and each counter
 * ends with its window: the real owner is never locked out for longer than that.
 */
@Component
class LoginThrottle {

    static final String COLLECTION = "login_failures";

    private final ReactiveMongoTemplate mongo;
    private final UserServiceProperties.LoginThrottle limits;
    private final Clock clock;

    LoginThrottle(ReactiveMongoTemplate mongo, UserServiceProperties properties, Clock clock) {
        this.mongo = mongo;
        this.limits = properties.loginThrottle();
        this.clock = clock;
    }

    /** Completes empty when sign-in may be tried, or fails with a 429 saying when to try again. */
    Mono<Void> check(String emailKey, String clientAddress) {
        Instant now = clock.instant();
        List<String> keys = keys(emailKey, clientAddress);
        return mongo.find(
                        new Query(
                                Criteria.where("_id").in(keys).and("expiresAt").gt(now)),
                        Document.class,
                        COLLECTION)
                .filter(counter -> counter.getInteger("count", 0) >= limitFor(counter.getString("_id")))
                .map(counter ->
                        Duration.between(now, counter.getDate("expiresAt").toInstant()))
                .reduce((a, b) -> a.compareTo(b) >= 0 ? a : b)
                .flatMap(wait -> Mono.<Void>error(ApiException.tooManyRequests(
                        "credentials", "too many failed sign-ins; try again later", wait)));
    }

    Mono<Void> recordFailure(String emailKey, String clientAddress) {
        return Mono.when(
                keys(emailKey, clientAddress).stream().map(this::increment).toList());
    }

    /** A successful sign-in forgets the account's failures (not the address's: others may share it). */
    Mono<Void> recordSuccess(String emailKey) {
        return mongo.remove(new Query(Criteria.where("_id").is(accountKey(emailKey))), COLLECTION)
                .then();
    }

    private Mono<Void> increment(String key) {
        Instant now = clock.instant();
        Query live = new Query(Criteria.where("_id").is(key).and("expiresAt").gt(now));
        Query any = new Query(Criteria.where("_id").is(key));
        Update restart = new Update().set("count", 1).set("expiresAt", now.plus(limits.window()));
        return mongo.findAndModify(
                        live, new Update().inc("count", 1), FindAndModifyOptions.none(), Document.class, COLLECTION)
                .switchIfEmpty(mongo.upsert(any, restart, COLLECTION).then(Mono.empty()))
                .then();
    }

    private int limitFor(String key) {
        return key.startsWith("account:") ? limits.perAccount() : limits.perAddress();
    }

    private static List<String> keys(String emailKey, String clientAddress) {
        List<String> keys = new ArrayList<>();
        keys.add(accountKey(emailKey));
        if (clientAddress != null) {
            keys.add("address:" + clientAddress);
        }
        return keys;
    }

    private static String accountKey(String emailKey) {
        return "account:" + emailKey;
    }
}
