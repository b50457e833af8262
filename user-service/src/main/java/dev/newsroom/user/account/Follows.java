package dev.newsroom.user.account;

import dev.newsroom.platform.outbox.OutboxRelay;
import dev.newsroom.platform.web.ApiException;
import java.time.Clock;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Following and unfollowing. Each change writes its event into the follow document's outbox in the
 * same update, and wakes the relay only when something changed: following twice, or unfollowing
 * someone not followed, emits nothing.
 */
@Service
public class Follows {

    private final ProfileReads profiles;
    private final FollowRepository follows;
    private final OutboxRelay relay;
    private final JsonMapper json;
    private final Clock clock;

    Follows(ProfileReads profiles, FollowRepository follows, OutboxRelay relay, JsonMapper json, Clock clock) {
        this.profiles = profiles;
        this.follows = follows;
        this.relay = relay;
        this.json = json;
        this.clock = clock;
    }

    public Mono<Profile> follow(String followerId, String username) {
        return profiles.byUsername(username).flatMap(followee -> {
            if (followee.id().equals(followerId)) {
                return Mono.error(ApiException.invalid("profile", "cannot follow yourself"));
            }
            Follow started = Follow.of(followerId, followee.id(), true, clock.instant());
            return follows.start(started, AccountEvents.followed(started, json))
                    .doOnNext(changed -> wakeRelayIf(changed))
                    .thenReturn(Profile.of(followee, true));
        });
    }

    public Mono<Profile> unfollow(String followerId, String username) {
        return profiles.byUsername(username).flatMap(followee -> {
            if (followee.id().equals(followerId)) {
                return Mono.error(ApiException.invalid("profile", "cannot unfollow yourself"));
            }
            Follow stopped = Follow.of(followerId, followee.id(), false, clock.instant());
            return follows.stop(stopped, AccountEvents.unfollowed(stopped, json))
                    .doOnNext(changed -> wakeRelayIf(changed))
                    .thenReturn(Profile.of(followee, false));
        });
    }

    /** The ids of the users {@code userId} follows. */
    public Flux<String> followedIds(String userId) {
        return follows.followeesOf(userId);
    }

    private void wakeRelayIf(boolean changed) {
        if (changed) {
            relay.wakeUp();
        }
    }
}
