package dev.newsroom.platform.authors;

import dev.newsroom.platform.messaging.TopicWriter;
import dev.newsroom.platform.security.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import tools.jackson.databind.json.JsonMapper;

/**
 * For the services' tests (shipped in service-platform's test jar): plays user-service, publishing
 * its events to {@code newsroom.users.v1} with CloudEvents headers, keyed as user-service keys them
 * (the user, or the follower for follows), with data shaped as the published contracts. The {@code
 * *Data} methods give the JSON alone, for checking it against the contracts.
 */
public final class TestUsers implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final TopicWriter writer = new TopicWriter("/newsroom/user-service");

    /** Registers {@code user} (no bio or image, as a new account); returns the {@code ce_id}. */
    public String registered(TestTokens.User user) {
        return registered(user, null, null);
    }

    public String registered(TestTokens.User user, String bio, String image) {
        return send(user.id(), UserEvents.REGISTERED, registeredData(user.id(), user.username(), bio, image, now()));
    }

    public String profileUpdated(String userId, String username, String bio, String image, Instant updatedAt) {
        return send(userId, UserEvents.PROFILE_UPDATED, profileUpdatedData(userId, username, bio, image, updatedAt));
    }

    public String followed(TestTokens.User follower, TestTokens.User followee, Instant at) {
        return send(follower.id(), UserEvents.FOLLOWED, followedData(follower.id(), followee.id(), at));
    }

    public String unfollowed(TestTokens.User follower, TestTokens.User followee, Instant at) {
        return send(follower.id(), UserEvents.UNFOLLOWED, unfollowedData(follower.id(), followee.id(), at));
    }

    /**
     * The profile of {@code userId} as {@code viewerId} sees it, once {@code condition} holds: the
     * events sent before have reached the service's projection. Fails after a generous wait.
     */
    public static AuthorProfile await(
            AuthorProfiles profiles, String userId, String viewerId, Predicate<AuthorProfile> condition) {
        long end = System.nanoTime() + WAIT.toNanos();
        AuthorProfile seen = profiles.asSeenBy(userId, viewerId).block();
        while (!condition.test(seen) && System.nanoTime() < end) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            seen = profiles.asSeenBy(userId, viewerId).block();
        }
        if (!condition.test(seen)) {
            throw new AssertionError("The profile of " + userId + " as " + viewerId + " sees it is still " + seen);
        }
        return seen;
    }

    /** Registers {@code user} and waits until the service's projection knows them. */
    public TestTokens.User known(AuthorProfiles profiles, TestTokens.User user) {
        registered(user);
        await(profiles, user.id(), null, profile -> user.username().equals(profile.username()));
        return user;
    }

    /** Sends one record with a new {@code ce_id} to the key's partition; returns the {@code ce_id}. */
    public String send(String key, String type, String data) {
        return writer.send(UserEvents.TOPIC, null, key, type, UUID.randomUUID().toString(), data);
    }

    /** Now, to the millisecond, as user-service stamps its events. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    public static String registeredData(String userId, String username, String bio, String image, Instant at) {
        return json(profile(userId, username, bio, image, "registeredAt", at));
    }

    public static String profileUpdatedData(String userId, String username, String bio, String image, Instant at) {
        return json(profile(userId, username, bio, image, "updatedAt", at));
    }

    public static String followedData(String followerId, String followeeId, Instant at) {
        return json(Map.of("followerId", followerId, "followeeId", followeeId, "followedAt", at.toString()));
    }

    public static String unfollowedData(String followerId, String followeeId, Instant at) {
        return json(Map.of("followerId", followerId, "followeeId", followeeId, "unfollowedAt", at.toString()));
    }

    private static Map<String, Object> profile(
            String userId, String username, String bio, String image, String timeField, Instant at) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("userId", userId);
        data.put("username", username);
        data.put("bio", bio);
        data.put("image", image);
        data.put(timeField, at.toString());
        return data;
    }

    private static String json(Map<String, Object> data) {
        return JsonMapper.shared().writeValueAsString(data);
    }

    @Override
    public void close() {
        writer.close();
    }
}
