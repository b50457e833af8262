package dev.newsroom.gateway.tracing;

import dev.newsroom.gateway.metrics.RouteNames;
import dev.newsroom.platform.tracing.ExchangeTraces;
import dev.newsroom.platform.tracing.ProbeRequests;
import dev.newsroom.platform.tracing.TraceParents;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The gateway's span of every request: the root of the request's trace, or the child of the
 * client's {@code traceparent} when it sent a valid one (a malformed one is ignored, and a
 * new trace starts). The services' spans become its children: every call the
 * gateway makes passes the span on in its {@code traceparent} ({@code ForwardedClientHeaders} on the
 * proxied routes, the relay's calls through {@code RequestIds}' correlation).
 *
 * <p>One filter and the tracer's API rather than Boot's per-request observations, which stay off at
 * the gateway for their measured cost (docs/benchmarks.md). A request that is not to be recorded (the
 * client's trace says so, or the sampling decided so) gets no span at all, only new ids passed on as
 * unrecorded, so that the services do not record it either, nor start traces of their own. A span is
 * named like the route metrics ({@link RouteNames}), never by the path's
 * contents, and ends when the response is committed, or when the client went away. Probes and
 * scrapes are not traced ({@link ProbeRequests}).
 */
public final class GatewayTracing implements WebFilter, Ordered {

    private final Tracer tracer;
    private final double probability;

    /**
     * @param probability the share of new traces to record; the gateway decides it here, and its
     *     tracer's sampler records whatever it is asked to ({@link TracingConfiguration})
     */
    public GatewayTracing(Tracer tracer, double probability) {
        this.tracer = tracer;
        this.probability = probability;
    }

    @Override
    public int getOrder() {
        // After the route meters (which time this too), before RequestIds names the span in the logs.
        return Ordered.HIGHEST_PRECEDENCE + 5;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        if (tracer == Tracer.NOOP || ProbeRequests.isProbe(path)) {
            return chain.filter(exchange);
        }
        String incoming = TraceParents.valid(exchange.getRequest().getHeaders().getFirst(TraceParents.HEADER));
        boolean recorded = incoming != null
                ? TraceParents.sampled(incoming)
                : ThreadLocalRandom.current().nextDouble() < probability;
        if (!recorded) {
            // Nine requests in ten by default: the ids that the services and the logs carry on, and no
            // span (a non-recording one cost the proxied route several percent, docs/benchmarks.md).
            exchange.getAttributes()
                    .put(
                            ExchangeTraces.SPAN_ATTRIBUTE,
                            tracer.traceContextBuilder()
                                    .traceId(
                                            incoming != null
                                                    ? TraceParents.traceId(incoming)
                                                    : TraceParents.newTraceId())
                                    .spanId(TraceParents.newSpanId())
                                    .sampled(false)
                                    .build());
            return chain.filter(exchange);
        }
        String method = exchange.getRequest().getMethod().name();
        Span.Builder builder = tracer.spanBuilder();
        Span span = (incoming != null
                        ? builder.setParent(TraceParents.context(tracer, incoming))
                        : builder.setNoParent())
                .kind(Span.Kind.SERVER)
                .name(method + ' ' + RouteNames.of(path))
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
