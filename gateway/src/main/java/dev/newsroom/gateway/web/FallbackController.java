package dev.newsroom.gateway.web;

import dev.newsroom.platform.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Where a proxied route's circuit breaker sends a request its service could not answer (no
 * connection, timeout, 5xx) or will not be asked (breaker open): the RealWorld 503.
 */
@RestController
class FallbackController {

    static final String PATH = "/fallback/unavailable";

    @RequestMapping(PATH)
    Mono<Void> unavailable() {
        return Mono.error(new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "service", "unavailable"));
    }
}
