package dev.newsroom.platform.security;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Users' tokens, on every path but the internal surface: a service token (its audience or scope says
 * so) is refused here, so the gateway's or an operator's token never acts as a user on {@code
 * /api/**}, where it would have no username and could be mistaken for one.
 */
final class UserTokenDecoder implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder signatures;

    UserTokenDecoder(ReactiveJwtDecoder signatures) {
        this.signatures = signatures;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        return signatures.decode(token).map(jwt -> {
            if (ServiceTokenDecoder.claimsInternal(jwt)) {
                throw new BadJwtException("a service token is not a user's token");
            }
            return jwt;
        });
    }
}
