package dev.newsroom.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.context.ContextRegistry;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

class RequestIdLoggingTest {

    @Test
    void theRequestIdIsInTheLoggingContextOnWhicheverThreadTheRequestContinues() {
        RequestIdLogging.install();
        String[] seen = new String[2];

        Mono.fromRunnable(() -> seen[0] = MDC.get("requestId"))
                .subscribeOn(Schedulers.boundedElastic())
                .then(Mono.fromRunnable(() -> seen[1] = MDC.get("requestId")).publishOn(Schedulers.parallel()))
                .contextWrite(context -> context.put(RequestIds.CONTEXT_KEY, "req-7"))
                .block();

        assertThat(seen).containsExactly("req-7", "req-7");
        assertThat(MDC.get("requestId")).as("and gone afterwards").isNull();
    }

    @Test
    void onlyTheRequestIdIsCarriedIntoThreadLocals() {
        RequestIdLogging.install();
        assertThat(ContextRegistry.getInstance().getThreadLocalAccessors())
                .extracting(accessor -> accessor.getClass().getName())
                .contains(RequestIdLogging.class.getName())
                .doesNotContainAnyElementsOf(RequestIdLogging.NOT_CARRIED);
    }

    @Test
    void logWithPutsTheIdInTheLoggingContextForTheLinesItWritesOnly() {
        String[] seen = new String[3];
        RequestIds.logWith("req-8", () -> seen[0] = MDC.get("requestId"));
        assertThat(MDC.get("requestId")).isNull();

        MDC.put("requestId", "outer");
        try {
            RequestIds.logWith("req-9", () -> seen[1] = MDC.get("requestId"));
            assertThat(MDC.get("requestId")).as("what was there is put back").isEqualTo("outer");
            RequestIds.logWith(null, () -> seen[2] = MDC.get("requestId"));
        } finally {
            MDC.remove("requestId");
        }
        assertThat(seen).containsExactly("req-8", "req-9", "outer");
    }

    @Test
    void aSensibleIdIsKeptAndAnythingElseReplacedAndEitherWayReturned() {
        RequestIds filter = new RequestIds();
        MockServerWebExchange given = MockServerWebExchange.from(
                MockServerHttpRequest.get("/api/tags").header("X-Request-Id", "abc-1"));
        String[] inContext = new String[1];
        filter.filter(
                        given,
                        exchange -> Mono.deferContextual(context -> {
                            inContext[0] = RequestIds.from(context);
                            exchange.getResponse().setStatusCode(HttpStatus.OK);
                            return Mono.empty();
                        }))
                .block();
        assertThat(inContext[0]).isEqualTo("abc-1");
        assertThat(given.getResponse().getHeaders().getFirst("X-Request-Id")).isEqualTo("abc-1");

        MockServerWebExchange odd = MockServerWebExchange.from(
                MockServerHttpRequest.get("/api/tags").header("X-Request-Id", "<script>"));
        filter.filter(odd, exchange -> Mono.empty()).block();
        assertThat(odd.getResponse().getHeaders().getFirst("X-Request-Id")).matches("[0-9a-f-]{36}");
    }
}
