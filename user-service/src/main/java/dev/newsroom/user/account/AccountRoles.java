package dev.newsroom.user.account;

import dev.newsroom.user.UserServiceProperties;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Who is a moderator: the role stored on the account (granted and revoked by moderators), and the
 * usernames the configuration names, which stay moderators whatever is stored.
 */
@Service
public class AccountRoles {

    static final String MODERATOR = "moderator";

    private final AccountRepository accounts;
    private final ProfileReads profiles;
    private final Set<String> configuredModerators;
    private final Clock clock;

    AccountRoles(AccountRepository accounts, ProfileReads profiles, UserServiceProperties properties, Clock clock) {
        this.accounts = accounts;
        this.profiles = profiles;
        this.configuredModerators =
                properties.moderators().stream().map(AccountRules::usernameKey).collect(Collectors.toUnmodifiableSet());
        this.clock = clock;
    }

    /** Grants or revokes the moderator role that is stored on the account. */
    public Mono<Account> setModerator(String username, boolean moderator) {
        return profiles.byUsername(username)
                .flatMap(account -> accounts.setRole(account.id(), MODERATOR, moderator, clock.instant()));
    }

    /** Stored roles plus the moderator role for usernames the configuration names. */
    public Set<String> effectiveRoles(Account account) {
        if (!configuredModerators.contains(account.usernameKey())) {
            return account.roles();
        }
        Set<String> roles = new HashSet<>(account.roles());
        roles.add(MODERATOR);
        return Set.copyOf(roles);
    }
}
