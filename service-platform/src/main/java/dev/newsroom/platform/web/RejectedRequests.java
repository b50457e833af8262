package dev.newsroom.platform.web;

import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Spring Security's firewall refuses requests whose target could be read two ways (encoded {@code /},
 * {@code \}, {@code %} or {@code ;}, NUL and other control characters, {@code //}, {@code .} and
 * {@code ..} segments) and methods outside the usual seven. Its own answer is a bare 400 without a
 * body; this one says what was refused, in the RealWorld shape, like every other error. The same
 * translation serves a refusal that surfaces later, while a header is read ({@link ApiErrorHandler}).
 */
public final class RejectedRequests implements ServerExchangeRejectedHandler {

    private final ApiErrorHandler errors;

    public RejectedRequests(ApiErrorHandler errors) {
        this.errors = errors;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException rejected) {
        return errors.handle(exchange, rejected);
    }

    /** The client-facing error for a refusal: 405 for a method, 400 naming what else was refused. */
    static ApiException translate(ServerExchangeRejectedException rejected) {
        String reason = String.valueOf(rejected.getMessage()).toLowerCase(Locale.ROOT);
        if (reason.contains("method")) {
            return new ApiException(HttpStatus.METHOD_NOT_ALLOWED, "method", "is not allowed here");
        }
        if (reason.contains("header")) {
            return new ApiException(
                    HttpStatus.BAD_REQUEST, "header", "has a name or value with characters that are not allowed");
        }
        if (reason.contains("parameter")) {
            return new ApiException(
                    HttpStatus.BAD_REQUEST, "parameter", "has a name or value with characters that are not allowed");
        }
        if (reason.contains("domain") || reason.contains("host")) {
            return new ApiException(HttpStatus.BAD_REQUEST, "host", "is not allowed");
        }
        return new ApiException(HttpStatus.BAD_REQUEST, "path", PATH_REFUSED);
    }

    static final String PATH_REFUSED = "is not allowed: it must be normalised (no '.', '..' or empty segments) and"
            + " must not contain ';', '\\', control characters or an encoded '/', '\\', '%', ';' or '.'";
}
