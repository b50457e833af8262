package dev.newsroom.platform.authors;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * The events of {@code newsroom.users.v1} the users projection reads, as records of just the fields
 * it keeps; user-service owns the contracts ({@code contracts/schemas/newsroom.user.*}), and fields
 * added to them later are ignored here. Public so that each consuming service checks them against
 * the published examples in its own tests.
 */
public final class UserEvents {

    public static final String TOPIC = "newsroom.users.v1";
    public static final String REGISTERED = "newsroom.user.registered.v1";
    public static final String PROFILE_UPDATED = "newsroom.user.profile-updated.v1";
    public static final String FOLLOWED = "newsroom.user.followed.v1";
    public static final String UNFOLLOWED = "newsroom.user.unfollowed.v1";

    private UserEvents() {}

    /** {@code newsroom.user.registered.v1}: a new account's public profile. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record UserRegistered(String userId, String username, String bio, String image, Instant registeredAt) {}

    /** {@code newsroom.user.profile-updated.v1}: the whole public profile after the change. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ProfileUpdated(String userId, String username, String bio, String image, Instant updatedAt) {}

    /** {@code newsroom.user.followed.v1}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record UserFollowed(String followerId, String followeeId, Instant followedAt) {}

    /** {@code newsroom.user.unfollowed.v1}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record UserUnfollowed(String followerId, String followeeId, Instant unfollowedAt) {}
}
