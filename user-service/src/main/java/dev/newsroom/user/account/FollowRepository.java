package dev.newsroom.user.account;

import dev.newsroom.platform.outbox.OutboxEvent;
import dev.newsroom.platform.outbox.OutboxEvents;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code follows} collection: one document per follower → followee pair, whose id is the pair,
 * so a follow exists at most once however often it is asked for.
 */
@Repository
class FollowRepository implements SmartInitializingSingleton {

    private final ReactiveMongoTemplate mongo;

    FollowRepository(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** For the lists of whom a user follows and who follows them; in place before the first request. */
    @Override
    public void afterSingletonsInstantiated() {
        var follows = mongo.indexOps(Follow.class);
        Flux.concat(
                        follows.createIndex(new Index("followerId", Sort.Direction.ASC).named("followerId")),
                        follows.createIndex(new Index("followeeId", Sort.Direction.ASC).named("followeeId")))
                .blockLast();
    }

    /**
     * Makes {@code follow} active with {@code event} in its outbox, unless it is active already:
     * answers whether it changed (and so whether the event was stored).
     */
    Mono<Boolean> start(Follow follow, OutboxEvent event) {
        Query notYetFollowing =
                new Query(Criteria.where("_id").is(follow.id()).and("active").ne(true));
        Update startFollowing = OutboxEvents.appendTo(
                new Update()
                        .set("followerId", follow.followerId())
                        .set("followeeId", follow.followeeId())
                        .set("active", true)
                        .set("changedAt", follow.changedAt()),
                event);
        return mongo.upsert(notYetFollowing, startFollowing, Follow.class)
                .thenReturn(true)
                // Already following: the upsert collides with the active document, and nothing changes.
                .onErrorResume(DuplicateKeyException.class, alreadyFollowing -> Mono.just(false));
    }

    /**
     * Makes {@code follow} inactive with {@code event} in its outbox, if it is active: answers
     * whether it changed (and so whether the event was stored).
     */
    Mono<Boolean> stop(Follow follow, OutboxEvent event) {
        Query following =
                new Query(Criteria.where("_id").is(follow.id()).and("active").is(true));
        Update stopFollowing =
                OutboxEvents.appendTo(new Update().set("active", false).set("changedAt", follow.changedAt()), event);
        return mongo.updateFirst(following, stopFollowing, Follow.class).map(result -> result.getModifiedCount() > 0);
    }

    Mono<Boolean> isActive(String followerId, String followeeId) {
        return mongo.exists(
                new Query(Criteria.where("_id")
                        .is(Follow.idOf(followerId, followeeId))
                        .and("active")
                        .is(true)),
                Follow.class);
    }

    /** The ids of the users {@code followerId} follows. */
    Flux<String> followeesOf(String followerId) {
        return mongo.find(
                        new Query(Criteria.where("followerId")
                                .is(followerId)
                                .and("active")
                                .is(true)),
                        Follow.class)
                .map(Follow::followeeId);
    }
}
