package dev.newsroom.user.web;

import dev.newsroom.user.account.Account;
import dev.newsroom.user.account.Profile;
import dev.newsroom.user.account.SignedIn;
import java.util.List;
import java.util.Set;

/** The JSON shapes of the RealWorld user and profile endpoints, and of the internal ones. */
final class UserJson {

    private UserJson() {}

    /** {@code {"user": {...}}}: the envelope every RealWorld user request and response has. */
    record UserEnvelope<T>(T user) {}

    record User(String email, String token, String username, String bio, String image) {
        static User of(SignedIn signedIn) {
            Account account = signedIn.account();
            return new User(account.email(), signedIn.token(), account.username(), account.bio(), account.image());
        }
    }

    record ProfileEnvelope(ProfileBody profile) {
        static ProfileEnvelope of(Profile profile) {
            return new ProfileEnvelope(
                    new ProfileBody(profile.username(), profile.bio(), profile.image(), profile.following()));
        }
    }

    record ProfileBody(String username, String bio, String image, boolean following) {}

    record Roles(String username, Set<String> roles) {}

    record RolesEnvelope(Roles user) {}

    record FollowedIds(List<String> ids) {}
}
