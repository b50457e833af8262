package dev.newsroom.user.account;

import dev.newsroom.platform.outbox.OutboxEvent;
import dev.newsroom.platform.outbox.OutboxEvents;
import dev.newsroom.platform.web.ApiException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DuplicateKeyException;
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
 * The {@code accounts} collection. Each write is one single-document update that carries the
 * change's event into the account's outbox, so the change and its event are stored together or not
 * at all.
 */
@Repository
class AccountRepository implements SmartInitializingSingleton {

    private final ReactiveMongoTemplate mongo;

    AccountRepository(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * The unique indexes are what make a username or email taken, even when two registrations race;
     * they exist before the first request is served.
     */
    @Override
    public void afterSingletonsInstantiated() {
        var accounts = mongo.indexOps(Account.class);
        Flux.concat(
                        accounts.createIndex(new Index("usernameKey", Sort.Direction.ASC)
                                .unique()
                                .named("usernameKey")),
                        accounts.createIndex(new Index("emailKey", Sort.Direction.ASC)
                                .unique()
                                .named("emailKey")))
                .blockLast();
    }

    /** Fails with a 409 naming the field when the username or email is taken. */
    Mono<Account> insert(Account account) {
        return mongo.insert(account).onErrorMap(DuplicateKeyException.class, AccountRepository::takenField);
    }

    Mono<Account> byId(String id) {
        return mongo.findById(id, Account.class);
    }

    Mono<Account> byUsernameKey(String usernameKey) {
        return mongo.findOne(byField("usernameKey", usernameKey), Account.class);
    }

    Mono<Account> byEmailKey(String emailKey) {
        return mongo.findOne(byField("emailKey", emailKey), Account.class);
    }

    /**
     * Stores what differs between {@code current} and {@code changed} (and {@code changed}'s
     * updatedAt) with {@code event}, if any, in one update; answers the account as stored after it.
     * Fails with a 409 naming the field when the new username or email is taken.
     */
    Mono<Account> update(Account current, Account changed, Optional<OutboxEvent> event) {
        Update update = new Update().set("updatedAt", changed.updatedAt());
        if (!Objects.equals(current.username(), changed.username())) {
            update.set("username", changed.username()).set("usernameKey", changed.usernameKey());
        }
        if (!Objects.equals(current.email(), changed.email())) {
            update.set("email", changed.email()).set("emailKey", changed.emailKey());
        }
        if (!Objects.equals(current.passwordHash(), changed.passwordHash())) {
            update.set("passwordHash", changed.passwordHash());
        }
        if (!Objects.equals(current.bio(), changed.bio())) {
            update.set("bio", changed.bio());
        }
        if (!Objects.equals(current.image(), changed.image())) {
            update.set("image", changed.image());
        }
        event.ifPresent(outgoing -> OutboxEvents.appendTo(update, outgoing));
        return mongo.findAndModify(
                        byField("_id", current.id()),
                        update,
                        FindAndModifyOptions.options().returnNew(true),
                        Account.class)
                .onErrorMap(DuplicateKeyException.class, AccountRepository::takenField);
    }

    /** Adds or removes a stored role; answers the account as stored after it. */
    Mono<Account> setRole(String id, String role, boolean held, Instant now) {
        Update update = held ? new Update().addToSet("roles", role) : new Update().pull("roles", role);
        return mongo.findAndModify(
                byField("_id", id),
                update.set("updatedAt", now),
                FindAndModifyOptions.options().returnNew(true),
                Account.class);
    }

    private static Query byField(String field, Object value) {
        return new Query(Criteria.where(field).is(value));
    }

    /** The unique index that refused the write says which field is taken. */
    private static ApiException takenField(DuplicateKeyException duplicate) {
        String message = String.valueOf(duplicate.getMessage());
        return ApiException.taken(message.contains("emailKey") ? "email" : "username");
    }
}
