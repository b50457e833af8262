package dev.newsroom.user.web;

import dev.newsroom.platform.security.CurrentUser;
import dev.newsroom.user.account.Follows;
import dev.newsroom.user.account.ProfileReads;
import dev.newsroom.user.web.UserJson.ProfileEnvelope;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** RealWorld's profile endpoints: read a profile (token optional), follow and unfollow. */
@RestController
class ProfilesController {

    private final ProfileReads profiles;
    private final Follows follows;

    ProfilesController(ProfileReads profiles, Follows follows) {
        this.profiles = profiles;
        this.follows = follows;
    }

    @GetMapping("/api/profiles/{username}")
    Mono<ProfileEnvelope> profile(@PathVariable String username, @AuthenticationPrincipal Jwt token) {
        String viewer = token == null ? null : CurrentUser.of(token).id();
        return profiles.profile(username, viewer).map(ProfileEnvelope::of);
    }

    @PostMapping("/api/profiles/{username}/follow")
    Mono<ProfileEnvelope> follow(@PathVariable String username, @AuthenticationPrincipal Jwt token) {
        return follows.follow(CurrentUser.of(token).id(), username).map(ProfileEnvelope::of);
    }

    @DeleteMapping("/api/profiles/{username}/follow")
    Mono<ProfileEnvelope> unfollow(@PathVariable String username, @AuthenticationPrincipal Jwt token) {
        return follows.unfollow(CurrentUser.of(token).id(), username).map(ProfileEnvelope::of);
    }
}
