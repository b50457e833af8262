package dev.newsroom.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

class RateLimitFilterTest {

    private final ClientBudgets.Local budgets =
            new ClientBudgets.Local(new EdgeProperties.RateLimit(true, 3, 3, Duration.ofMinutes(1), null));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RateLimitFilter filter = new RateLimitFilter(budgets, true, meters);

    @Test
    void aClientOverItsBudgetGets429WithRetryAfterAndTheRealWorldShape() {
        for (int i = 0; i < 3; i++) {
            assertThat(status(anonymous("10.0.0.1"))).isEqualTo(HttpStatus.OK);
        }
        MockServerWebExchange refused = anonymous("10.0.0.1");
        filter.filter(refused, passed -> Mono.empty()).block();

        assertThat(refused.getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(Long.parseLong(refused.getResponse().getHeaders().getFirst("Retry-After")))
                .isBetween(1L, 20L);
        assertThat(refused.getResponse().getBodyAsString().block())
                .isEqualTo("{\"errors\":{\"request\":[\"is rate limited\"]}}");
        assertThat(status(anonymous("10.0.0.2")))
                .as("another address has its own budget")
                .isEqualTo(HttpStatus.OK);
        assertThat(meters.get("newsroom.gateway.rate.limited").counter().count())
                .as("refusals counted, only they")
                .isEqualTo(1);
    }

    @Test
    void aSignedInUserIsCountedByUserWhateverAddressItComesFrom() {
        for (int i = 0; i < 3; i++) {
            assertThat(status(signedIn("user-1", "10.0.1." + i))).isEqualTo(HttpStatus.OK);
        }
        assertThat(status(signedIn("user-1", "10.0.1.9"))).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(status(signedIn("user-2", "10.0.1.9"))).isEqualTo(HttpStatus.OK);
    }

    @Test
    void onlyTheApiIsCountedAndADisabledLimitCountsNothing() {
        for (int i = 0; i < 10; i++) {
            MockServerWebExchange page = MockServerWebExchange.from(
                    MockServerHttpRequest.get("/app.js").remoteAddress(new InetSocketAddress("10.0.2.1", 5000)));
            filter.filter(page, passed -> Mono.empty()).block();
            assertThat(page.getResponse().getStatusCode()).isNull();
        }
        RateLimitFilter off = new RateLimitFilter(budgets, false, new SimpleMeterRegistry());
        for (int i = 0; i < 10; i++) {
            MockServerWebExchange call = anonymous("10.0.2.2");
            off.filter(call, passed -> Mono.empty()).block();
            assertThat(call.getResponse().getStatusCode()).isNull();
        }
    }

    @Test
    void behindATrustedProxyEachClientItForwardsHasABudgetOfItsOwn() {
        for (int i = 0; i < 3; i++) {
            assertThat(statusThroughTheEdge(anonymous("10.9.0.1", "198.51.100.1")))
                    .isEqualTo(HttpStatus.OK);
        }
        assertThat(statusThroughTheEdge(anonymous("10.9.0.1", "198.51.100.1"))).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(statusThroughTheEdge(anonymous("10.9.0.2", "198.51.100.1")))
                .as("the same client through another instance of the proxy")
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(statusThroughTheEdge(anonymous("10.9.0.1", "198.51.100.2")))
                .as("another reader behind the same proxy")
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void aClientCannotEscapeItsBudgetByForgingXForwardedFor() {
        for (int i = 0; i < 3; i++) {
            assertThat(statusThroughTheEdge(anonymous("203.0.113.5", "198.51.100." + i)))
                    .isEqualTo(HttpStatus.OK);
        }
        assertThat(statusThroughTheEdge(anonymous("203.0.113.5", "198.51.100.99")))
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    }

    /** Through the gateway's own order: the client is resolved first (10.9.0.0/16 is a trusted proxy). */
    private HttpStatus statusThroughTheEdge(ServerWebExchange exchange) {
        ClientIdentityFilter identity = new ClientIdentityFilter(
                new ClientAddressResolver(List.of("10.9.0.0/16"), EdgeProperties.ProxyHeader.X_FORWARDED_FOR));
        identity.filter(
                        exchange,
                        resolved -> filter.filter(resolved, passed -> {
                            passed.getResponse().setStatusCode(HttpStatus.OK);
                            return Mono.empty();
                        }))
                .block();
        return (HttpStatus) exchange.getResponse().getStatusCode();
    }

    private static MockServerWebExchange anonymous(String peer, String forwardedFor) {
        return MockServerWebExchange.from(MockServerHttpRequest.get("/api/articles")
                .remoteAddress(new InetSocketAddress(peer, 5000))
                .header("X-Forwarded-For", forwardedFor));
    }

    private HttpStatus status(ServerWebExchange exchange) {
        filter.filter(exchange, passed -> {
                    passed.getResponse().setStatusCode(HttpStatus.OK);
                    return Mono.empty();
                })
                .block();
        return (HttpStatus) exchange.getResponse().getStatusCode();
    }

    private static MockServerWebExchange anonymous(String address) {
        return MockServerWebExchange.from(
                MockServerHttpRequest.get("/api/articles").remoteAddress(new InetSocketAddress(address, 5000)));
    }

    private static ServerWebExchange signedIn(String subject, String address) {
        Jwt jwt = new Jwt(
                "t", Instant.now(), Instant.now().plusSeconds(60), Map.of("alg", "none"), Map.of("sub", subject));
        return anonymous(address)
                .mutate()
                .principal(Mono.just(new JwtAuthenticationToken(jwt)))
                .build();
    }
}
