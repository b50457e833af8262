package dev.newsroom.user.account;

import dev.newsroom.platform.web.ApiException;
import dev.newsroom.user.UserServiceProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Refuses sign-in for a while after repeated failures for one email or from one client address. The
 * counters live in the service's database, so every instance sees the same ones, and each counter
 * ends with its window: the real owner is never locked out for longer than that.
 */
@Component
class LoginThrottle {

    private final LoginFailureRepository failures;
    private final UserServiceProperties.LoginLimits limits;
    private final Clock clock;

    LoginThrottle(LoginFailureRepository failures, UserServiceProperties properties, Clock clock) {
        this.failures = failures;
        this.limits = properties.loginThrottle();
        this.clock = clock;
    }

    /** Completes empty when sign-in may be tried, or fails with a 429 saying when to try again. */
    Mono<Void> check(String emailKey, String clientAddress) {
        Instant now = clock.instant();
        List<String> keys = keys(emailKey, clientAddress);
        return failures.live(keys, now)
                .filter(counter -> counter.count() >= limitFor(counter.key()))
                .map(counter -> Duration.between(now, counter.expiresAt()))
                .reduce((a, b) -> a.compareTo(b) >= 0 ? a : b)
                .flatMap(wait -> Mono.<Void>error(ApiException.tooManyRequests(
                        "credentials", "too many failed sign-ins; try again later", wait)));
    }

    Mono<Void> recordFailure(String emailKey, String clientAddress) {
        Instant now = clock.instant();
        return Mono.when(keys(emailKey, clientAddress).stream()
                .map(key -> failures.increment(key, now, limits.window()))
                .toList());
    }

    /** A successful sign-in forgets the account's failures (not the address's: others may share it). */
    Mono<Void> recordSuccess(String emailKey) {
        return failures.forget(accountKey(emailKey));
    }

    private int limitFor(String key) {
        return key.startsWith("account:") ? limits.perAccount() : limits.perAddress();
    }

    private static List<String> keys(String emailKey, String clientAddress) {
        List<String> keys = new ArrayList<>();
        keys.add(accountKey(emailKey));
        if (clientAddress != null) {
            keys.add("address:" + clientAddress);
        }
        return keys;
    }

    private static String accountKey(String emailKey) {
        return "account:" + emailKey;
    }
}
