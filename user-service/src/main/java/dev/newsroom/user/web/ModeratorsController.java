package dev.newsroom.user.web;

import dev.newsroom.user.account.Account;
import dev.newsroom.user.account.AccountRoles;
import dev.newsroom.user.web.UserJson.Roles;
import dev.newsroom.user.web.UserJson.RolesEnvelope;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Moderators grant and revoke the moderator role (only moderators may: see {@link UserAccessRules}).
 * The change shows in the user's next token. Usernames named in configuration stay moderators.
 */
@RestController
class ModeratorsController {

    private final AccountRoles roles;

    ModeratorsController(AccountRoles roles) {
        this.roles = roles;
    }

    @PutMapping("/api/users/{username}/roles/moderator")
    Mono<RolesEnvelope> grant(@PathVariable String username) {
        return roles.setModerator(username, true).map(this::roles);
    }

    @DeleteMapping("/api/users/{username}/roles/moderator")
    Mono<RolesEnvelope> revoke(@PathVariable String username) {
        return roles.setModerator(username, false).map(this::roles);
    }

    private RolesEnvelope roles(Account account) {
        return new RolesEnvelope(new Roles(account.username(), roles.effectiveRoles(account)));
    }
}
