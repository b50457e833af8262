package dev.newsroom.user.account;

import dev.newsroom.platform.outbox.OutboxEvent;
import dev.newsroom.platform.outbox.OutboxEvents;
import dev.newsroom.platform.outbox.OutboxRelay;
import dev.newsroom.platform.web.ApiException;
import dev.newsroom.user.UserServiceProperties;
import dev.newsroom.user.messaging.UserEvents;
import dev.newsroom.user.token.TokenIssuer;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accounts, sign-in and follows. Every change that others care about writes its event into the
 * changed document's outbox in the same single-document update, and then wakes the relay.
 */
@Service
public class AccountService {

    private final ReactiveMongoTemplate mongo;
    private final PasswordEncoder passwords;
    private final TokenIssuer tokens;
    private final LoginThrottle throttle;
    private final OutboxRelay relay;
    private final JsonMapper json;
    private final Set<String> configuredModerators;
    private final Clock clock;
    /** Compared against when the email is unknown, so a miss costs as much time as a wrong password. */
    private final Mono<String> decoyHash;

    AccountService(
            ReactiveMongoTemplate mongo,
            PasswordEncoder passwords,
            TokenIssuer tokens,
            LoginThrottle throttle,
            OutboxRelay relay,
            JsonMapper json,
            UserServiceProperties properties,
            Clock clock) {
        this.mongo = mongo;
        this.passwords = passwords;
        this.tokens = tokens;
        this.throttle = throttle;
        this.relay = relay;
        this.json = json;
        this.configuredModerators =
                properties.moderators().stream().map(AccountRules::usernameKey).collect(Collectors.toUnmodifiableSet());
        this.clock = clock;
        this.decoyHash =
                offloaded(() -> passwords.encode(UUID.randomUUID().toString())).cache();
    }

    public Mono<SignedIn> register(String username, String email, String password) {
        Map<String, List<String>> problems = AccountRules.checkRegistration(username, email, password);
        if (!problems.isEmpty()) {
            return Mono.error(new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, problems, null));
        }
        return offloaded(() -> passwords.encode(password))
                .map(hash -> newAccount(username.trim(), email.trim(), hash))
                .flatMap(mongo::insert)
                .onErrorMap(DuplicateKeyException.class, AccountService::takenField)
                .doOnNext(account -> relay.wakeUp())
                .map(this::signIn);
    }

    private Account newAccount(String username, String email, String passwordHash) {
        Instant now = clock.instant();
        String id = UUID.randomUUID().toString();
        OutboxEvent registered = OutboxEvent.of(
                UserEvents.TOPIC,
                UserEvents.REGISTERED,
                id,
                new UserEvents.UserRegistered(id, username, null, null, now),
                json);
        return new Account(
                id,
                username,
                AccountRules.usernameKey(username),
                email,
                AccountRules.emailKey(email),
                passwordHash,
                null,
                null,
                Set.of(),
                now,
                now,
                List.of(registered));
    }

    public Mono<SignedIn> login(String email, String password, String clientAddress) {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        if (email == null || email.isBlank()) {
            problems.put("email", List.of(AccountRules.BLANK));
        }
        if (password == null || password.isBlank()) {
            problems.put("password", List.of(AccountRules.BLANK));
        }
        if (!problems.isEmpty()) {
            return Mono.error(new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, problems, null));
        }
        String emailKey = AccountRules.emailKey(email);
        return throttle.check(emailKey, clientAddress)
                .then(mongo.findOne(byField("emailKey", emailKey), Account.class)
                        .map(Optional::of)
                        .defaultIfEmpty(Optional.empty()))
                .zipWith(decoyHash)
                .flatMap(found -> verify(found.getT1(), found.getT2(), password, emailKey, clientAddress))
                .map(this::signIn);
    }

    /** One bcrypt comparison whether or not the email is known, so timing does not reveal accounts. */
    private Mono<Account> verify(
            Optional<Account> found, String decoy, String password, String emailKey, String clientAddress) {
        String hash = found.map(Account::passwordHash).orElse(decoy);
        return matches(password, hash)
                .flatMap(ok -> ok && found.isPresent()
                        ? throttle.recordSuccess(emailKey).thenReturn(found.get())
                        : throttle.recordFailure(emailKey, clientAddress)
                                .then(Mono.error(new ApiException(HttpStatus.UNAUTHORIZED, "credentials", "invalid"))));
    }

    public Mono<SignedIn> current(String userId) {
        return account(userId).map(this::signIn);
    }

    public Mono<SignedIn> update(String userId, AccountChanges changes) {
        Map<String, List<String>> problems = AccountRules.checkUpdate(
                changes.username(),
                changes.email(),
                changes.password(),
                changes.bio().value(),
                changes.image().value());
        if (!problems.isEmpty()) {
            return Mono.error(new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, problems, null));
        }
        Mono<String> newHash =
                changes.password() == null ? Mono.just("") : offloaded(() -> passwords.encode(changes.password()));
        return account(userId)
                .zipWith(newHash)
                .flatMap(current -> applyChanges(current.getT1(), changes, current.getT2()))
                .map(this::signIn);
    }

    private Mono<Account> applyChanges(Account current, AccountChanges changes, String newPasswordHash) {
        Instant now = clock.instant();
        Update update = new Update().set("updatedAt", now);
        String username = current.username();
        String bio = current.bio();
        String image = current.image();
        if (changes.username() != null) {
            username = changes.username().trim();
            update.set("username", username).set("usernameKey", AccountRules.usernameKey(username));
        }
        if (changes.email() != null) {
            update.set("email", changes.email().trim()).set("emailKey", AccountRules.emailKey(changes.email()));
        }
        if (!newPasswordHash.isEmpty()) {
            update.set("passwordHash", newPasswordHash);
        }
        if (changes.bio().given()) {
            bio = changes.bio().value();
            update.set("bio", bio);
        }
        if (changes.image().given()) {
            image = changes.image().value() == null
                    ? null
                    : changes.image().value().trim();
            update.set("image", image);
        }
        boolean profileChanged = !Objects.equals(username, current.username())
                || !Objects.equals(bio, current.bio())
                || !Objects.equals(image, current.image());
        if (profileChanged) {
            OutboxEvents.appendTo(
                    update,
                    OutboxEvent.of(
                            UserEvents.TOPIC,
                            UserEvents.PROFILE_UPDATED,
                            current.id(),
                            new UserEvents.UserProfileUpdated(current.id(), username, bio, image, now),
                            json));
        }
        return mongo.findAndModify(
                        byField("_id", current.id()),
                        update,
                        FindAndModifyOptions.options().returnNew(true),
                        Account.class)
                .onErrorMap(DuplicateKeyException.class, AccountService::takenField)
                .doOnNext(updated -> {
                    if (profileChanged) {
                        relay.wakeUp();
                    }
                });
    }

    public Mono<Profile> profile(String username, String viewerId) {
        return byUsername(username)
                .flatMap(account ->
                        isFollowing(viewerId, account.id()).map(following -> Profile.of(account, following)));
    }

    public Mono<Profile> follow(String followerId, String username) {
        return byUsername(username).flatMap(followee -> {
            if (followee.id().equals(followerId)) {
                return Mono.error(ApiException.invalid("profile", "cannot follow yourself"));
            }
            Instant now = clock.instant();
            Query notYetFollowing = new Query(Criteria.where("_id")
                    .is(Follow.idOf(followerId, followee.id()))
                    .and("active")
                    .ne(true));
            Update startFollowing = OutboxEvents.appendTo(
                    new Update()
                            .set("followerId", followerId)
                            .set("followeeId", followee.id())
                            .set("active", true)
                            .set("changedAt", now),
                    OutboxEvent.of(
                            UserEvents.TOPIC,
                            UserEvents.FOLLOWED,
                            followerId,
                            new UserEvents.UserFollowed(followerId, followee.id(), now),
                            json));
            return mongo.upsert(notYetFollowing, startFollowing, Follow.class)
                    .doOnNext(result -> relay.wakeUp())
                    // Already following: the upsert collides with the active document, and nothing changes.
                    .onErrorResume(DuplicateKeyException.class, alreadyFollowing -> Mono.empty())
                    .thenReturn(Profile.of(followee, true));
        });
    }

    public Mono<Profile> unfollow(String followerId, String username) {
        return byUsername(username).flatMap(followee -> {
            if (followee.id().equals(followerId)) {
                return Mono.error(ApiException.invalid("profile", "cannot unfollow yourself"));
            }
            Instant now = clock.instant();
            Query following = new Query(Criteria.where("_id")
                    .is(Follow.idOf(followerId, followee.id()))
                    .and("active")
                    .is(true));
            Update stopFollowing = OutboxEvents.appendTo(
                    new Update().set("active", false).set("changedAt", now),
                    OutboxEvent.of(
                            UserEvents.TOPIC,
                            UserEvents.UNFOLLOWED,
                            followerId,
                            new UserEvents.UserUnfollowed(followerId, followee.id(), now),
                            json));
            return mongo.updateFirst(following, stopFollowing, Follow.class)
                    .doOnNext(result -> {
                        if (result.getModifiedCount() > 0) {
                            relay.wakeUp();
                        }
                    })
                    .thenReturn(Profile.of(followee, false));
        });
    }

    /** Profiles of many users at once, with {@code following} for the viewer (null: anonymous). */
    public Flux<Profile> profiles(Collection<String> ids, String viewerId) {
        if (ids.isEmpty()) {
            return Flux.empty();
        }
        Mono<Set<String>> followed = viewerId == null
                ? Mono.just(Set.of())
                : mongo.find(
                                new Query(Criteria.where("followerId")
                                        .is(viewerId)
                                        .and("followeeId")
                                        .in(ids)
                                        .and("active")
                                        .is(true)),
                                Follow.class)
                        .map(Follow::followeeId)
                        .collect(Collectors.toCollection(HashSet::new));
        return followed.flatMapMany(following -> mongo.find(
                        new Query(Criteria.where("_id").in(ids)), Account.class)
                .map(account -> Profile.of(account, following.contains(account.id()))));
    }

    public Mono<Account> byUsername(String username) {
        if (username == null || username.isBlank() || username.length() > AccountRules.USERNAME_MAX) {
            return Mono.error(ApiException.notFound("profile"));
        }
        return mongo.findOne(byField("usernameKey", AccountRules.usernameKey(username)), Account.class)
                .switchIfEmpty(Mono.error(ApiException.notFound("profile")));
    }

    /** The ids of the users {@code userId} follows. */
    public Flux<String> followedIds(String userId) {
        return mongo.find(
                        new Query(Criteria.where("followerId")
                                .is(userId)
                                .and("active")
                                .is(true)),
                        Follow.class)
                .map(Follow::followeeId);
    }

    /** Grants or revokes the moderator role that is stored on the account. */
    public Mono<Account> setModerator(String username, boolean moderator) {
        return byUsername(username).flatMap(account -> {
            Update update =
                    moderator ? new Update().addToSet("roles", "moderator") : new Update().pull("roles", "moderator");
            return mongo.findAndModify(
                    byField("_id", account.id()),
                    update.set("updatedAt", clock.instant()),
                    FindAndModifyOptions.options().returnNew(true),
                    Account.class);
        });
    }

    /** Stored roles plus the moderator role for usernames the configuration names. */
    public Set<String> effectiveRoles(Account account) {
        if (!configuredModerators.contains(account.usernameKey())) {
            return account.roles();
        }
        Set<String> roles = new HashSet<>(account.roles());
        roles.add("moderator");
        return Set.copyOf(roles);
    }

    private Mono<Account> account(String userId) {
        return mongo.findById(userId, Account.class)
                .switchIfEmpty(Mono.error(new ApiException(HttpStatus.UNAUTHORIZED, "token", "names no account")));
    }

    private Mono<Boolean> isFollowing(String viewerId, String followeeId) {
        if (viewerId == null) {
            return Mono.just(false);
        }
        return mongo.exists(
                new Query(Criteria.where("_id")
                        .is(Follow.idOf(viewerId, followeeId))
                        .and("active")
                        .is(true)),
                Follow.class);
    }

    private SignedIn signIn(Account account) {
        return new SignedIn(account, tokens.issue(account.id(), account.username(), effectiveRoles(account)));
    }

    private Mono<Boolean> matches(String password, String hash) {
        return offloaded(() -> passwords.matches(password, hash));
    }

    /** bcrypt takes tens of milliseconds of CPU: never on a Netty event loop. */
    private static <T> Mono<T> offloaded(java.util.concurrent.Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
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
