package dev.newsroom.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.platform.tracing.Correlation;
import dev.newsroom.platform.tracing.CurrentCorrelation;
import io.micrometer.context.ContextRegistry;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

class RequestIdLoggingTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void theRequestIdAndTraceAreInTheLoggingContextOnWhicheverThreadTheRequestContinues() {
        RequestIdLogging.install();
        String[] seen = new String[4];
        Correlation request = new Correlation("req-7", TRACE, "00f067aa0ba902b7", true);

        Mono.fromRunnable(() -> {
                    seen[0] = MDC.get("requestId");
                    seen[1] = MDC.get("traceId");
                })
                .subscribeOn(Schedulers.boundedElastic())
                .then(Mono.fromRunnable(() -> {
                            seen[2] = MDC.get("spanId");
                            seen[3] = CurrentCorrelation.traceparent();
                        })
                        .publishOn(Schedulers.parallel()))
                .contextWrite(context -> context.put(RequestIds.CONTEXT_KEY, request))
                .block();

        assertThat(seen).containsExactly("req-7", TRACE, "00f067aa0ba902b7", "00-" + TRACE + "-00f067aa0ba902b7-01");
        assertThat(MDC.get("requestId")).as("and gone afterwards").isNull();
        assertThat(MDC.get("traceId")).isNull();
        assertThat(CurrentCorrelation.get()).isNull();
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
        String[] seen = new String[4];
        RequestIds.logWith(Correlation.of("req-8"), () -> seen[0] = MDC.get("requestId"));
        assertThat(MDC.get("requestId")).isNull();

        RequestIds.logWith(new Correlation("outer", TRACE, "00f067aa0ba902b7", false), () -> {
            RequestIds.logWith(Correlation.of("req-9"), () -> {
                seen[1] = MDC.get("requestId");
                seen[2] = MDC.get("traceId");
            });
            assertThat(MDC.get("requestId")).as("what was there is put back").isEqualTo("outer");
            assertThat(MDC.get("traceId")).isEqualTo(TRACE);
            RequestIds.logWith(null, () -> seen[3] = MDC.get("requestId"));
        });
        assertThat(seen).containsExactly("req-8", "req-9", null, "outer");
        assertThat(MDC.get("requestId")).isNull();
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
