package dev.newsroom.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Verifies service tokens: the tokens user-service signs for the gateway and operators (subject =
 * the client id, audience {@value NewsroomClaims#INTERNAL_AUDIENCE}, scope {@value
 * NewsroomClaims#INTERNAL}), with the same key source as users' tokens, so the suite has one trust
 * root. A user's token, whatever its roles, is refused here: it has neither the audience nor the
 * scope.
 *
 * <p>The gateway sends the same token on every composed read for ten minutes or so; checking its RS256
 * signature each time would cost a read more than its own work. A token that passed is remembered by
 * its exact string (bounded, and never beyond its {@code exp}), so a repeated one costs a map lookup.
 * A refused token is not remembered, so nothing an attacker sends grows the cache.
 */
public final class ServiceTokenDecoder implements ReactiveJwtDecoder {

    /** Far more than the clients that ever hold a live token at once (a gateway instance each, operators). */
    static final int REMEMBERED = 1_024;

    private final ReactiveJwtDecoder signatures;
    private final Clock clock;
    private final Cache<String, Jwt> verified;

    public ServiceTokenDecoder(ReactiveJwtDecoder signatures) {
        this(signatures, Clock.systemUTC());
    }

    ServiceTokenDecoder(ReactiveJwtDecoder signatures, Clock clock) {
        this.signatures = signatures;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(REMEMBERED)
                .expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> untilExpiry(jwt)))
                .build();
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt known = verified.getIfPresent(token);
        if (known != null && isLive(known)) {
            return Mono.just(known);
        }
        return signatures.decode(token).map(this::checked).doOnNext(jwt -> {
            if (isLive(jwt)) {
                verified.put(token, jwt);
            }
        });
    }

    /** Whether a signed, unexpired token is a service token; the reasons are never told to the caller. */
    private Jwt checked(Jwt jwt) {
        if (!isServiceToken(jwt)) {
            throw new BadJwtException("not a service token");
        }
        if (jwt.getExpiresAt() == null) {
            throw new BadJwtException("a service token must expire");
        }
        return jwt;
    }

    /** Whether {@code jwt} claims to be a service token (audience or scope); see {@link UserTokenDecoder}. */
    static boolean claimsInternal(Jwt jwt) {
        List<String> audience = jwt.getAudience();
        return (audience != null && audience.contains(NewsroomClaims.INTERNAL_AUDIENCE))
                || jwt.hasClaim(NewsroomClaims.SCOPE);
    }

    private static boolean isServiceToken(Jwt jwt) {
        List<String> audience = jwt.getAudience();
        return NewsroomClaims.ISSUER.equals(jwt.getClaimAsString("iss"))
                && audience != null
                && audience.contains(NewsroomClaims.INTERNAL_AUDIENCE)
                && NewsroomClaims.INTERNAL.equals(jwt.getClaimAsString(NewsroomClaims.SCOPE));
    }

    private boolean isLive(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        return expiresAt != null && clock.instant().isBefore(expiresAt);
    }

    private Duration untilExpiry(Jwt jwt) {
        Duration left = Duration.between(clock.instant(), jwt.getExpiresAt());
        return left.isNegative() ? Duration.ZERO : left;
    }
}
