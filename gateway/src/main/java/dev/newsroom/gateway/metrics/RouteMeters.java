package dev.newsroom.gateway.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * {@code newsroom.gateway.requests}: every request at the gateway's door timed by route ({@link
 * RouteNames}), method and status, as a histogram with fixed buckets from 5 ms to 5 s, so that rates,
 * error ratios and percentiles can be computed in Prometheus.
 *
 * <p>Instead of Boot's per-request observations (switched off at the gateway: their cost per
 * request was measured, see docs/benchmarks.md), one filter outside every other takes the time when
 * the request arrives and records it when the response is committed, with the status the handlers,
 * the error handlers or the edge's refusals set; the timers are looked up, not built, per request.
 * A response whose client went away before it was committed is not recorded. For the streams the
 * time is that to the response's start, not the stream's length.
 */
public final class RouteMeters implements WebFilter, Ordered {

    private static final Duration[] BUCKETS = {
        Duration.ofMillis(5),
        Duration.ofMillis(10),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMillis(2500),
        Duration.ofSeconds(5)
    };

    private final MeterRegistry registry;
    private final Map<String, Map<Integer, Timer>> timers = new ConcurrentHashMap<>();

    public RouteMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long started = System.nanoTime();
        exchange.getResponse().beforeCommit(() -> {
            record(exchange, System.nanoTime() - started);
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    private void record(ServerWebExchange exchange, long nanos) {
        String route = RouteNames.of(exchange.getRequest().getPath().value());
        String method = exchange.getRequest().getMethod().name();
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        int code = status == null ? 200 : status.value();
        timers.computeIfAbsent(route + ' ' + method, key -> new ConcurrentHashMap<>())
                .computeIfAbsent(code, known -> timer(route, method, known))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(String route, String method, int status) {
        return Timer.builder("newsroom.gateway.requests")
                .description("Requests at the gateway's door, by route, method and status")
                .tag("route", route)
                .tag("method", method)
                .tag("status", String.valueOf(status))
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }
}
