package dev.newsroom.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

class RequestIdsTest {

    private final RequestIds filter = new RequestIds();

    @Test
    void aSensibleOfferedIdIsKeptAndAnythingElseReplaced() {
        assertThat(RequestIds.idOf("trace-1.a_B")).isEqualTo("trace-1.a_B");
        assertThat(RequestIds.idOf("x".repeat(64))).isEqualTo("x".repeat(64));
        for (String unsafe : new String[] {"", "x".repeat(65), "a b", "a\nb", "a;b", "é", "<script>"}) {
            assertThat(RequestIds.idOf(unsafe)).as(unsafe).isNotEqualTo(unsafe).hasSize(36);
        }
        assertThat(RequestIds.idOf(null)).hasSize(36);
    }

    @Test
    void newIdsAreVersion4UuidsThatDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = RequestIds.newId();
            UUID parsed = UUID.fromString(id);
            assertThat(parsed.version()).isEqualTo(4);
            assertThat(parsed.variant()).isEqualTo(2);
            assertThat(seen.add(id)).as("unique").isTrue();
        }
    }

    @Test
    void theIdIsOnTheResponseAndOnTheRequestPassedOn() {
        MockServerWebExchange fresh = MockServerWebExchange.from(MockServerHttpRequest.get("/api/tags"));
        ServerWebExchange passed = pass(fresh);
        String generated = fresh.getResponse().getHeaders().getFirst(RequestIds.HEADER);
        assertThat(generated).hasSize(36);
        assertThat(passed.getRequest().getHeaders().get(RequestIds.HEADER)).containsExactly(generated);

        MockServerWebExchange offered = MockServerWebExchange.from(
                MockServerHttpRequest.get("/api/tags").header(RequestIds.HEADER, "from-gateway-7"));
        assertThat(pass(offered).getRequest().getHeaders().get(RequestIds.HEADER))
                .containsExactly("from-gateway-7");
        assertThat(offered.getResponse().getHeaders().getFirst(RequestIds.HEADER))
                .isEqualTo("from-gateway-7");

        MockServerWebExchange twice = MockServerWebExchange.from(MockServerHttpRequest.get("/api/tags")
                .header(RequestIds.HEADER, "first")
                .header(RequestIds.HEADER, "second"));
        assertThat(pass(twice).getRequest().getHeaders().get(RequestIds.HEADER)).containsExactly("first");
    }

    private ServerWebExchange pass(ServerWebExchange exchange) {
        ServerWebExchange[] passed = new ServerWebExchange[1];
        filter.filter(exchange, next -> {
                    passed[0] = next;
                    return Mono.empty();
                })
                .block();
        return passed[0];
    }
}
