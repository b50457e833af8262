package dev.newsroom.user.account;

import dev.newsroom.platform.security.CurrentUser;
import dev.newsroom.user.UserServiceProperties;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Who holds which role: the roles stored on the account (granted and revoked by holders of the same
 * role), and, for each role, the usernames the configuration names, which hold it whatever is stored:
 * so a fresh deployment has a moderator and an editor before anyone could grant either role.
 */
@Service
public class AccountRoles {

    private final AccountRepository accounts;
    private final ProfileReads profiles;
    /** Role → the username keys that hold it by configuration. Its keys are the roles there are. */
    private final Map<String, Set<String>> configured;

    private final Clock clock;

    AccountRoles(AccountRepository accounts, ProfileReads profiles, UserServiceProperties properties, Clock clock) {
        this.accounts = accounts;
        this.profiles = profiles;
        this.configured = Map.of(
                CurrentUser.MODERATOR, usernameKeys(properties.moderators()),
                CurrentUser.EDITOR, usernameKeys(properties.editors()));
        this.clock = clock;
    }

    /**
     * Grants or revokes a role stored on the account of that username (404 for an unknown one). A
     * configured holder keeps the role in {@link #effectiveRoles} whatever is stored.
     */
    public Mono<Account> setRole(String username, String role, boolean granted) {
        if (!configured.containsKey(role)) {
            return Mono.error(new IllegalArgumentException("there is no role " + role));
        }
        return profiles.byUsername(username)
                .flatMap(account -> accounts.setRole(account.id(), role, granted, clock.instant()));
    }

    /**
     * Stored roles plus the roles configured for the account's username, sorted, so tokens and answers
     * list them the same way every time.
     */
    public SortedSet<String> effectiveRoles(Account account) {
        SortedSet<String> roles = new TreeSet<>(account.roles());
        configured.forEach((role, usernameKeys) -> {
            if (usernameKeys.contains(account.usernameKey())) {
                roles.add(role);
            }
        });
        return Collections.unmodifiableSortedSet(roles);
    }

    private static Set<String> usernameKeys(List<String> usernames) {
        return usernames.stream().map(AccountRules::usernameKey).collect(Collectors.toUnmodifiableSet());
    }
}
