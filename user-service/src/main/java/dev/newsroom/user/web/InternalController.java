package dev.newsroom.user.web;

import dev.newsroom.platform.web.ApiException;
import dev.newsroom.user.account.Follows;
import dev.newsroom.user.account.ProfileReads;
import dev.newsroom.user.web.UserJson.FollowedIds;
import dev.newsroom.user.web.UserJson.IdentifiedProfile;
import dev.newsroom.user.web.UserJson.ProfilesById;
import dev.newsroom.user.web.UserJson.ProfilesQuery;
import dev.newsroom.user.web.UserJson.UserId;
import java.util.LinkedHashMap;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * What the gateway needs to compose RealWorld responses; the gateway does not route {@code
 * /internal/**} to clients. One call answers a whole page of articles or comments.
 */
@RestController
class InternalController {

    /** A page is at most a few hundred items; more ids than this is a caller bug, not a page. */
    static final int MAX_IDS = 500;

    private final ProfileReads profiles;
    private final Follows follows;

    InternalController(ProfileReads profiles, Follows follows) {
        this.profiles = profiles;
        this.follows = follows;
    }

    /** Profiles of many users, each with {@code following} for {@code viewerId} (optional). */
    @PostMapping("/internal/profiles")
    Mono<ProfilesById> profiles(@RequestBody ProfilesQuery query) {
        List<String> ids = query.ids() == null ? List.of() : query.ids();
        if (ids.size() > MAX_IDS) {
            return Mono.error(ApiException.invalid("ids", "at most " + MAX_IDS + " per call"));
        }
        return profiles.profiles(ids, query.viewerId())
                .map(IdentifiedProfile::of)
                .collectMap(IdentifiedProfile::id, profile -> profile, LinkedHashMap::new)
                .map(ProfilesById::new);
    }

    @GetMapping("/internal/users/by-username/{username}")
    Mono<UserId> idOf(@PathVariable String username) {
        return profiles.byUsername(username).map(account -> new UserId(account.id(), account.username()));
    }

    @GetMapping("/internal/users/{id}/following")
    Mono<FollowedIds> following(@PathVariable String id) {
        return follows.followedIds(id).collectList().map(FollowedIds::new);
    }
}
