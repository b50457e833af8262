package dev.newsroom.gateway.tracing;

import dev.newsroom.gateway.metrics.RouteNames;
import dev.newsroom.platform.tracing.ExchangeTraces;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The gateway's span of every request: the root of the request's trace, or the child of the
 * client's {@code traceparent} when it sent a valid one (a malformed one is ignored by the
 * propagator, and a new trace starts). The services' spans become its children: every call the
 * gateway makes passes the span on in its {@code traceparent} ({@code ForwardedClientHeaders} on the
 * proxied routes, the relay's calls through {@code RequestIds}' correlation).
 *
 * <p>One filter and the tracer's API rather than Boot's per-request observations, which stay off at
 * the gateway for their measured cost (docs/benchmarks.md). A request that is not sampled costs one
 * non-recording span. It is named like the route metrics ({@link RouteNames}), never by the path's
 * contents, and ends when the response is committed, or when the client went away.
 */
public final class GatewayTracing implements WebFilter, Ordered {

    private static final Propagator.Getter<HttpHeaders> HEADERS = HttpHeaders::getFirst;

    private final Tracer tracer;
    private final Propagator propagator;

    public GatewayTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public int getOrder() {
        // After the route meters (which time this too), before RequestIds names the span in the logs.
        return Ordered.HIGHEST_PRECEDENCE + 5;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String method = exchange.getRequest().getMethod().name();
        Span span = propagator
                .extract(exchange.getRequest().getHeaders(), HEADERS)
                .kind(Span.Kind.SERVER)
                .name(method
                        + ' '
                        + RouteNames.of(exchange.getRequest().getPath().value()))
                .tag("http.request.method", method)
                .start();
        exchange.getAttributes().put(ExchangeTraces.SPAN_ATTRIBUTE, span);
        exchange.getResponse().beforeCommit(() -> {
            HttpStatusCode status = exchange.getResponse().getStatusCode();
            int code = status == null ? 200 : status.value();
            span.tag("http.response.status_code", code);
            if (code >= 500) {
                span.tag("error", "true");
            }
            return Mono.empty();
        });
        return chain.filter(exchange).doOnError(span::error).doFinally(signal -> span.end());
    }
}
