package dev.newsroom.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** What the firewall refuses is answered in the RealWorld shape, with the status that fits. */
class RejectedRequestsTest {

    private final StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
    private final RejectedRequests handler =
            new RejectedRequests(new ApiErrorHandler(JsonMapper.builder().build()));

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/articles/a%2Fb",
                "/api/articles/a%25b",
                "/api/articles/a%3Bb",
                "/api/articles/a;b",
                "/api/articles/a%5Cb",
                "/api/articles/%00",
                "/api/articles/../users",
                "/api/articles//comments",
                "/api/profiles/%2E%2E"
            })
    void aRefusedPathIs400NamingThePath(String target) {
        MockServerWebExchange exchange = refused(HttpMethod.GET, target);

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(exchange.getResponse().getBodyAsString().block())
                .isEqualTo("{\"errors\":{\"path\":[\"" + RejectedRequests.PATH_REFUSED.replace("\\", "\\\\") + "\"]}}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TRACE", "FOO", "CONNECT"})
    void aMethodOutsideTheUsualSevenIs405(String method) {
        MockServerWebExchange exchange = refused(HttpMethod.valueOf(method), "/api/articles");

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
        assertThat(exchange.getResponse().getBodyAsString().block())
                .isEqualTo("{\"errors\":{\"method\":[\"is not allowed here\"]}}");
    }

    private MockServerWebExchange refused(HttpMethod method, String target) {
        MockServerWebExchange exchange =
                MockServerWebExchange.from(MockServerHttpRequest.method(method, URI.create(target)));
        ServerExchangeRejectedException rejection = firewall.getFirewalledExchange(exchange)
                .then(Mono.<ServerExchangeRejectedException>empty())
                .onErrorResume(ServerExchangeRejectedException.class, Mono::just)
                .block();
        assertThat(rejection)
                .as("the firewall refuses " + method + " " + target)
                .isNotNull();
        handler.handle(exchange, rejection).block();
        return exchange;
    }
}
