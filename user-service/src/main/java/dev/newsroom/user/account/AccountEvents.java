package dev.newsroom.user.account;

import dev.newsroom.platform.outbox.OutboxEvent;
import java.time.Instant;
import tools.jackson.databind.json.JsonMapper;

/**
 * The events of {@code newsroom.users.v1} (key = user id), as published, and the factories that
 * build them from the account and follow records; schemas and examples are in {@code contracts/}.
 * They never carry an email or a password hash: other services have no use for them and the topic
 * is read by systems outside Newsroom.
 */
public final class AccountEvents {

    public static final String TOPIC = "newsroom.users.v1";
    public static final String REGISTERED = "newsroom.user.registered.v1";
    public static final String PROFILE_UPDATED = "newsroom.user.profile-updated.v1";
    public static final String FOLLOWED = "newsroom.user.followed.v1";
    public static final String UNFOLLOWED = "newsroom.user.unfollowed.v1";

    private AccountEvents() {}

    /** Emitted once when an account is created. */
    public record UserRegistered(String userId, String username, String bio, String image, Instant registeredAt) {}

    /** Emitted when the username, bio or image changes; carries the profile as it is after the change. */
    public record UserProfileUpdated(String userId, String username, String bio, String image, Instant updatedAt) {}

    /** Emitted when a user starts following another; following again changes nothing and emits nothing. */
    public record UserFollowed(String followerId, String followeeId, Instant followedAt) {}

    /** Emitted when a user stops following another they followed. */
    public record UserUnfollowed(String followerId, String followeeId, Instant unfollowedAt) {}

    /** The registration of a new account, as it is created. */
    static OutboxEvent registered(Account account, JsonMapper json) {
        return OutboxEvent.of(
                TOPIC,
                REGISTERED,
                account.id(),
                new UserRegistered(
                        account.id(), account.username(), account.bio(), account.image(), account.createdAt()),
                json);
    }

    /** The public profile of {@code changed}, the account as it is after the change. */
    static OutboxEvent profileUpdated(Account changed, JsonMapper json) {
        return OutboxEvent.of(
                TOPIC,
                PROFILE_UPDATED,
                changed.id(),
                new UserProfileUpdated(
                        changed.id(), changed.username(), changed.bio(), changed.image(), changed.updatedAt()),
                json);
    }

    /** Keyed by the follower: a follower's follows and unfollows stay in order. */
    static OutboxEvent followed(Follow follow, JsonMapper json) {
        return OutboxEvent.of(
                TOPIC,
                FOLLOWED,
                follow.followerId(),
                new UserFollowed(follow.followerId(), follow.followeeId(), follow.changedAt()),
                json);
    }

    static OutboxEvent unfollowed(Follow follow, JsonMapper json) {
        return OutboxEvent.of(
                TOPIC,
                UNFOLLOWED,
                follow.followerId(),
                new UserUnfollowed(follow.followerId(), follow.followeeId(), follow.changedAt()),
                json);
    }
}
