package dev.newsroom.user.account;

import dev.newsroom.platform.web.ApiException;
import dev.newsroom.user.token.TokenIssuer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Sign-in: checks an email and password (throttled, see {@link LoginThrottle}) and hands out a
 * token carrying the account's effective roles; also the token for a freshly registered or changed
 * account, and the current user of a token.
 */
@Service
public class SignIn {

    private final AccountRepository accounts;
    private final Passwords passwords;
    private final LoginThrottle throttle;
    private final TokenIssuer tokens;
    private final AccountRoles roles;
    /** Compared against when the email is unknown, so a miss costs as much time as a wrong password. */
    private final Mono<String> decoyHash;

    SignIn(
            AccountRepository accounts,
            Passwords passwords,
            LoginThrottle throttle,
            TokenIssuer tokens,
            AccountRoles roles) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.throttle = throttle;
        this.tokens = tokens;
        this.roles = roles;
        this.decoyHash = passwords.hash(UUID.randomUUID().toString()).cache();
    }

    public Mono<SignedIn> login(String email, String password, String clientAddress) {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        if (email == null || email.isBlank()) {
            problems.put("email", List.of(AccountRules.BLANK));
        }
        if (password == null || password.isBlank()) {
            problems.put("password", List.of(AccountRules.BLANK));
        }
        if (!problems.isEmpty()) {
            return Mono.error(new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, problems, null));
        }
        String emailKey = AccountRules.emailKey(email);
        return throttle.check(emailKey, clientAddress)
                .then(accounts.byEmailKey(emailKey).map(Optional::of).defaultIfEmpty(Optional.empty()))
                .zipWith(decoyHash)
                .flatMap(found -> verify(found.getT1(), found.getT2(), password, emailKey, clientAddress))
                .map(this::signedIn);
    }

    /** One bcrypt comparison whether or not the email is known, so timing does not reveal accounts. */
    private Mono<Account> verify(
            Optional<Account> found, String decoy, String password, String emailKey, String clientAddress) {
        String hash = found.map(Account::passwordHash).orElse(decoy);
        return passwords
                .matches(password, hash)
                .flatMap(ok -> ok && found.isPresent()
                        ? throttle.recordSuccess(emailKey).thenReturn(found.get())
                        : throttle.recordFailure(emailKey, clientAddress)
                                .then(Mono.error(new ApiException(HttpStatus.UNAUTHORIZED, "credentials", "invalid"))));
    }

    /** The account a token names, with a fresh token. */
    public Mono<SignedIn> current(String userId) {
        return tokenHolder(userId).map(this::signedIn);
    }

    /** The account a valid token names; a 401 if it no longer exists. */
    Mono<Account> tokenHolder(String userId) {
        return accounts.byId(userId)
                .switchIfEmpty(Mono.error(new ApiException(HttpStatus.UNAUTHORIZED, "token", "names no account")));
    }

    /** {@code account} with a freshly signed token for it. */
    SignedIn signedIn(Account account) {
        return new SignedIn(account, tokens.issue(account.id(), account.username(), roles.effectiveRoles(account)));
    }
}
