package dev.newsroom.user.account;

import dev.newsroom.platform.web.ApiException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Reads accounts as others see them: by username, with whether the viewer follows them. */
@Service
public class ProfileReads {

    private final AccountRepository accounts;
    private final FollowRepository follows;

    ProfileReads(AccountRepository accounts, FollowRepository follows) {
        this.accounts = accounts;
        this.follows = follows;
    }

    /** The profile with {@code following} for the viewer (null: anonymous). */
    public Mono<Profile> profile(String username, String viewerId) {
        return byUsername(username)
                .flatMap(account ->
                        isFollowing(viewerId, account.id()).map(following -> Profile.of(account, following)));
    }

    /** The account with that username (in any case), or a 404 for the profile. */
    public Mono<Account> byUsername(String username) {
        if (username == null || username.isBlank() || username.length() > AccountRules.USERNAME_MAX) {
            return Mono.error(ApiException.notFound("profile"));
        }
        return accounts.byUsernameKey(AccountRules.usernameKey(username))
                .switchIfEmpty(Mono.error(ApiException.notFound("profile")));
    }

    private Mono<Boolean> isFollowing(String viewerId, String followeeId) {
        if (viewerId == null) {
            return Mono.just(false);
        }
        return follows.isActive(viewerId, followeeId);
    }
}
