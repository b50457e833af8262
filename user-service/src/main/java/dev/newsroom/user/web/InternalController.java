package dev.newsroom.user.web;

import dev.newsroom.user.account.Follows;
import dev.newsroom.user.web.UserJson.FollowedIds;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * What the gateway needs from user-service itself: whom a reader follows, for the feed it composes
 * (read-your-writes: a follow shows in the next feed read, without waiting for Kafka). Authors'
 * profiles are no longer asked for here: every service keeps its own copy from {@code
 * newsroom.users.v1}. The gateway does not route {@code /internal/**} to clients.
 */
@RestController
class InternalController {

    private final Follows follows;

    InternalController(Follows follows) {
        this.follows = follows;
    }

    @GetMapping("/internal/users/{id}/following")
    Mono<FollowedIds> following(@PathVariable String id) {
        return follows.followedIds(id).collectList().map(FollowedIds::new);
    }
}
