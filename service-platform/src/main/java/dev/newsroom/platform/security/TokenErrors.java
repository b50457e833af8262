package dev.newsroom.platform.security;

import dev.newsroom.platform.web.ErrorBody;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers authentication and authorisation failures in the RealWorld shape: 401 with {@code
 * errors.token} saying whether the token is missing, malformed, expired or invalid, and 403 when a
 * valid token lacks the role an endpoint needs.
 */
final class TokenErrors implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

    static final String MALFORMED = "Authorization header must be 'Token <jwt>' or 'Bearer <jwt>'";

    private final JsonMapper json;

    TokenErrors(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
        return write(exchange, HttpStatus.UNAUTHORIZED, ErrorBody.of("token", describe(failure)));
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        return write(exchange, HttpStatus.FORBIDDEN, ErrorBody.of("role", "is not allowed to do this"));
    }

    static String describe(AuthenticationException failure) {
        if (!(failure instanceof InvalidBearerTokenException)) {
            return "is missing";
        }
        String message = String.valueOf(failure.getMessage());
        if (message.equals(MALFORMED)) {
            return "is malformed: " + MALFORMED;
        }
        if (message.toLowerCase(Locale.ROOT).contains("expired")) {
            return "has expired";
        }
        return "is invalid";
    }

    private Mono<Void> write(ServerWebExchange exchange, HttpStatus status, ErrorBody body) {
        var response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(json.writeValueAsBytes(body))));
    }
}
