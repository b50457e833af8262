package dev.newsroom.user.messaging;

import java.time.Instant;

/**
 * The events of {@code newsroom.users.v1} (key = user id), as published; schemas and examples are in
 * {@code contracts/}. They never carry an email or a password hash: other services have no use for
 * them and the topic is read by systems outside Newsroom.
 */
public final class UserEvents {

    public static final String TOPIC = "newsroom.users.v1";
    public static final String REGISTERED = "newsroom.user.registered.v1";
    public static final String PROFILE_UPDATED = "newsroom.user.profile-updated.v1";
    public static final String FOLLOWED = "newsroom.user.followed.v1";
    public static final String UNFOLLOWED = "newsroom.user.unfollowed.v1";

    private UserEvents() {}

    /** Emitted once when an account is created. */
    public record UserRegistered(String userId, String username, String bio, String image, Instant registeredAt) {}

    /** Emitted when the username, bio or image changes; carries the profile as it is after the change. */
    public record UserProfileUpdated(String userId, String username, String bio, String image, Instant updatedAt) {}

    /** Emitted when a user starts following another; following again changes nothing and emits nothing. */
    public record UserFollowed(String followerId, String followeeId, Instant followedAt) {}

    /** Emitted when a user stops following another they followed. */
    public record UserUnfollowed(String followerId, String followeeId, Instant unfollowedAt) {}
}
