package dev.newsroom.user.account;

import dev.newsroom.platform.outbox.OutboxEvent;
import dev.newsroom.platform.outbox.OutboxRelay;
import dev.newsroom.platform.web.ApiException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Changes to one's own account ({@code PUT /api/user}). A change others can see (username, bio or
 * image) writes its event into the account's outbox in the same update and wakes the relay; an
 * email or password change is nobody else's business and emits nothing.
 */
@Service
public class AccountUpdates {

    private final AccountRepository accounts;
    private final Passwords passwords;
    private final SignIn signIn;
    private final OutboxRelay relay;
    private final JsonMapper json;
    private final Clock clock;

    AccountUpdates(
            AccountRepository accounts,
            Passwords passwords,
            SignIn signIn,
            OutboxRelay relay,
            JsonMapper json,
            Clock clock) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.signIn = signIn;
        this.relay = relay;
        this.json = json;
        this.clock = clock;
    }

    public Mono<SignedIn> update(String userId, AccountChanges changes) {
        Map<String, List<String>> problems = AccountRules.checkUpdate(
                changes.username(),
                changes.email(),
                changes.password(),
                changes.bio().value(),
                changes.image().value());
        if (!problems.isEmpty()) {
            return Mono.error(new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, problems, null));
        }
        Mono<String> newHash = changes.password() == null ? Mono.just("") : passwords.hash(changes.password());
        return signIn.tokenHolder(userId)
                .zipWith(newHash)
                .flatMap(current -> apply(current.getT1(), changes, current.getT2()))
                .map(signIn::signedIn);
    }

    private Mono<Account> apply(Account current, AccountChanges changes, String newPasswordHash) {
        Account changed = changed(current, changes, newPasswordHash);
        boolean profileChanged = changed.profileDiffersFrom(current);
        Optional<OutboxEvent> event =
                profileChanged ? Optional.of(AccountEvents.profileUpdated(changed, json)) : Optional.empty();
        return accounts.update(current, changed, event).doOnNext(updated -> {
            if (profileChanged) {
                relay.wakeUp();
            }
        });
    }

    /** {@code current} as it is after {@code changes}; absent fields stay, bio and image may be cleared. */
    private Account changed(Account current, AccountChanges changes, String newPasswordHash) {
        String image = changes.image().given() ? changes.image().value() : current.image();
        return current.changed(
                changes.username() != null ? changes.username().trim() : current.username(),
                changes.email() != null ? changes.email().trim() : current.email(),
                newPasswordHash.isEmpty() ? current.passwordHash() : newPasswordHash,
                changes.bio().given() ? changes.bio().value() : current.bio(),
                changes.image().given() && image != null ? image.trim() : image,
                clock.instant());
    }
}
