package dev.newsroom.platform.security;

import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * The requests that need a service token: everything under {@code /internal/} (what the gateway
 * composes answers from), and every management operation that changes state, which is every {@code
 * /actuator/**} request but a read ({@code GET}, {@code HEAD}, {@code OPTIONS}): the dead-letter
 * re-drive today, any write operation added later. Checked in one plain pass (as the gateway's
 * {@code NeedsToken}), since it runs on every request.
 */
final class InternalSurface implements ServerWebExchangeMatcher {

    private static final PathPattern INTERNAL = PathPatternParser.defaultInstance.parse("/internal/**");
    private static final PathPattern ACTUATOR = PathPatternParser.defaultInstance.parse("/actuator/**");
    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final boolean servesInternal;

    /** @param servesInternal false where nothing answers {@code /internal/**} (the gateway: it is a 404 there) */
    InternalSurface(boolean servesInternal) {
        this.servesInternal = servesInternal;
    }

    @Override
    public Mono<MatchResult> matches(ServerWebExchange exchange) {
        return test(exchange.getRequest()) ? MatchResult.match() : MatchResult.notMatch();
    }

    boolean test(ServerHttpRequest request) {
        PathContainer path = request.getPath().pathWithinApplication();
        if (servesInternal && INTERNAL.matches(path)) {
            return true;
        }
        return !READS.contains(request.getMethod()) && ACTUATOR.matches(path);
    }
}
