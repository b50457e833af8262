package dev.newsroom.user.account;

import dev.newsroom.platform.outbox.OutboxRelay;
import dev.newsroom.platform.web.ApiException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creates accounts. The account is inserted with its registration event in its outbox, so the
 * event is published if and only if the account exists; the unique indexes decide whether the
 * username or email is taken, even when two registrations race.
 */
@Service
public class Registration {

    private final AccountRepository accounts;
    private final Passwords passwords;
    private final SignIn signIn;
    private final OutboxRelay relay;
    private final JsonMapper json;
    private final Clock clock;

    Registration(
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

    public Mono<SignedIn> register(String username, String email, String password) {
        Map<String, List<String>> problems = AccountRules.checkRegistration(username, email, password);
        if (!problems.isEmpty()) {
            return Mono.error(new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, problems, null));
        }
        return passwords
                .hash(password)
                .map(hash -> newAccount(username.trim(), email.trim(), hash))
                .flatMap(accounts::insert)
                .doOnNext(account -> relay.wakeUp())
                .map(signIn::signedIn);
    }

    private Account newAccount(String username, String email, String passwordHash) {
        Account account =
                Account.registering(UUID.randomUUID().toString(), username, email, passwordHash, clock.instant());
        return account.withOutbox(List.of(AccountEvents.registered(account, json)));
    }
}
