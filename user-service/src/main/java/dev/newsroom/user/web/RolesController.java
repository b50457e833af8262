package dev.newsroom.user.web;

import dev.newsroom.platform.security.CurrentUser;
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
 * Holders of a role grant and revoke it: moderators the moderator role, editors the editor role
 * (only they may: see {@link UserAccessRules}). The change shows in the user's next token. Usernames
 * named in configuration keep their role whatever is revoked. Any other role in the path is no
 * endpoint (404).
 */
@RestController
class RolesController {

    private static final String ROLE =
            "/api/users/{username}/roles/{role:" + CurrentUser.MODERATOR + "|" + CurrentUser.EDITOR + "}";

    private final AccountRoles roles;

    RolesController(AccountRoles roles) {
        this.roles = roles;
    }

    @PutMapping(ROLE)
    Mono<RolesEnvelope> grant(@PathVariable String username, @PathVariable String role) {
        return roles.setRole(username, role, true).map(this::roles);
    }

    @DeleteMapping(ROLE)
    Mono<RolesEnvelope> revoke(@PathVariable String username, @PathVariable String role) {
        return roles.setRole(username, role, false).map(this::roles);
    }

    private RolesEnvelope roles(Account account) {
        return new RolesEnvelope(new Roles(account.username(), roles.effectiveRoles(account)));
    }
}
