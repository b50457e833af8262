package dev.newsroom.platform.authors;

import static dev.newsroom.platform.messaging.EventMessages.required;

import dev.newsroom.platform.authors.UserEvents.ProfileUpdated;
import dev.newsroom.platform.authors.UserEvents.UserFollowed;
import dev.newsroom.platform.authors.UserEvents.UserRegistered;
import dev.newsroom.platform.authors.UserEvents.UserUnfollowed;
import dev.newsroom.platform.projection.ProjectedFields;
import dev.newsroom.platform.projection.ProjectionEvents;
import java.time.Instant;
import java.util.function.Consumer;
import org.springframework.messaging.Message;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps a service's {@link UserProjections} up to date from {@code newsroom.users.v1}, bound as
 * {@code userEvents-in-0} by the service's own configuration (group, dead-letter topic, retries).
 * Through the shared {@link ProjectionEvents}: types it does not know are ignored, a record it cannot
 * read (or whose write keeps failing) goes to the binding's dead-letter topic after the binder's
 * retries. Registration and profile changes set the whole public profile, through {@link
 * CachedUsers} so that this instance forgets the profile it remembered; follows and unfollows set
 * the edge's state, so following again after an unfollow works.
 */
final class UserEventsListener implements Consumer<Message<byte[]>> {

    private final UserProjections copies;
    private final CachedUsers profiles;
    private final ProjectionEvents events;

    UserEventsListener(UserProjections copies, CachedUsers profiles, JsonMapper json) {
        this.copies = copies;
        this.profiles = profiles;
        this.events = ProjectionEvents.reading(json)
                .on(UserEvents.REGISTERED, UserRegistered.class, this::registered)
                .on(UserEvents.PROFILE_UPDATED, ProfileUpdated.class, this::profileUpdated)
                .on(UserEvents.FOLLOWED, UserFollowed.class, this::followed)
                .on(UserEvents.UNFOLLOWED, UserUnfollowed.class, this::unfollowed);
    }

    @Override
    public void accept(Message<byte[]> message) {
        events.apply(message);
    }

    private Mono<Boolean> registered(String eventId, UserRegistered event) {
        return profile(
                eventId,
                event.userId(),
                event.username(),
                event.bio(),
                event.image(),
                required(event.registeredAt(), "registeredAt"));
    }

    private Mono<Boolean> profileUpdated(String eventId, ProfileUpdated event) {
        return profile(
                eventId,
                event.userId(),
                event.username(),
                event.bio(),
                event.image(),
                required(event.updatedAt(), "updatedAt"));
    }

    private Mono<Boolean> profile(
            String eventId, String userId, String username, String bio, String image, Instant at) {
        ProjectedFields fields = ProjectedFields.none()
                .set("username", required(username, "username"))
                .set("bio", bio)
                .set("image", image);
        return profiles.changed(eventId, required(userId, "userId"), at, fields);
    }

    private Mono<Boolean> followed(String eventId, UserFollowed event) {
        return edge(eventId, event.followerId(), event.followeeId(), required(event.followedAt(), "followedAt"), true);
    }

    private Mono<Boolean> unfollowed(String eventId, UserUnfollowed event) {
        return edge(
                eventId, event.followerId(), event.followeeId(), required(event.unfollowedAt(), "unfollowedAt"), false);
    }

    private Mono<Boolean> edge(String eventId, String followerId, String followeeId, Instant at, boolean active) {
        String follower = required(followerId, "followerId");
        String followee = required(followeeId, "followeeId");
        ProjectedFields fields = ProjectedFields.none()
                .set("followerId", follower)
                .set("followeeId", followee)
                .set("active", active);
        return copies.follows().changed(eventId, FollowEdge.idOf(follower, followee), at, fields);
    }
}
