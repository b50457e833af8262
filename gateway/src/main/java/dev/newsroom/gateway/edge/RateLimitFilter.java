package dev.newsroom.gateway.edge;

import dev.newsroom.gateway.relay.Timeouts;
import dev.newsroom.platform.web.RequestIds;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The per-client budget of API requests: a token bucket per signed-in user (by the verified token's
 * subject), or per address for anonymous clients (the address {@link ClientIdentityFilter} resolved,
 * so readers behind one trusted proxy are not one client). Over budget is 429 {@code
 * {"errors":{"request":["is rate limited"]}}} with {@code Retry-After} in whole seconds. Runs after
 * the security chain, so the user is known; a budget store that fails lets the request through (a
 * Redis outage must not take the API down) and says so in the log.
 */
class RateLimitFilter implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);
    private static final byte[] TOO_MANY =
            "{\"errors\":{\"request\":[\"is rate limited\"]}}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    /** How long a failing budget store is given before the request goes ahead without it. */
    private static final Duration STORE_TIMEOUT = Duration.ofMillis(500);

    private final ClientBudgets budgets;
    private final boolean enabled;
    private final Counter refused;

    RateLimitFilter(ClientBudgets budgets, boolean enabled, MeterRegistry registry) {
        this.budgets = budgets;
        this.enabled = enabled;
        this.refused = Counter.builder("newsroom.gateway.rate.limited")
                .description("Requests refused with 429 because their client was over its budget")
                .register(registry);
    }

    @Override
    public int getOrder() {
        // After Spring Security's chain (-100), before the handlers.
        return 0;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!enabled || !exchange.getRequest().getPath().value().startsWith("/api/")) {
            return chain.filter(exchange);
        }
        return exchange.getPrincipal()
                .map(principal -> principal instanceof JwtAuthenticationToken jwt
                        ? "user:" + jwt.getToken().getSubject()
                        : "addr:" + address(exchange))
                .defaultIfEmpty("")
                .map(key -> key.isEmpty() ? "addr:" + address(exchange) : key)
                .flatMap(key -> Timeouts.within(budgets.take(key), STORE_TIMEOUT)
                        .map(probe ->
                                probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill()))
                        .onErrorResume(failure -> {
                            RequestIds.logWith(
                                    RequestIds.correlationOf(exchange),
                                    () -> log.warn(
                                            "Rate-limit store unavailable, letting the request through: {}",
                                            failure.toString()));
                            return Mono.just(Duration.ZERO);
                        }))
                .flatMap(wait -> wait.isZero() ? chain.filter(exchange) : refuse(exchange, wait));
    }

    /**
     * The address {@link ClientIdentityFilter} resolved: behind trusted proxies, the client's. Without
     * it (the filter is not in the chain) the peer's, which is what it resolves to with no proxy trusted.
     */
    private static String address(ServerWebExchange exchange) {
        ClientIdentity identity = ClientIdentity.from(exchange);
        if (identity != null) {
            return identity.address() == null ? "unknown" : identity.address();
        }
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null
                ? "unknown"
                : remote.getAddress().getHostAddress();
    }

    private Mono<Void> refuse(ServerWebExchange exchange, Duration wait) {
        refused.increment();
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        response.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        return response.writeWith(Mono.just(response.bufferFactory().wrap(TOO_MANY)));
    }
}
