package dev.newsroom.platform.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.handler.TracingObservationHandler;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

/**
 * Finds the span a request is handled in: the one a service's server observation opened (Boot's
 * tracing of {@code http.server.requests}, which also continues the caller's {@code traceparent}),
 * or the one the gateway's own filter put on the exchange (the gateway runs without per-request
 * observations, see docs/benchmarks.md).
 */
public final class ExchangeTraces {

    /**
     * The exchange attribute under which a filter that starts its own span leaves it (a {@link Span}),
     * or the context of a request it decided not to record (a {@link TraceContext}).
     */
    public static final String SPAN_ATTRIBUTE = ExchangeTraces.class.getName() + ".span";

    private ExchangeTraces() {}

    /** The request's span context, or null when the request is not traced. */
    public static TraceContext of(ServerWebExchange exchange) {
        Object own = exchange.getAttribute(SPAN_ATTRIBUTE);
        if (own instanceof Span span) {
            return span.context();
        }
        if (own instanceof TraceContext context) {
            return context;
        }
        ServerRequestObservationContext observed = ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .orElse(null);
        if (observed == null) {
            return null;
        }
        TracingObservationHandler.TracingContext tracing = observed.get(TracingObservationHandler.TracingContext.class);
        Span span = tracing == null ? null : tracing.getSpan();
        return span == null ? null : span.context();
    }

    /** The correlation of a request with {@code requestId}, with its trace when it has one. */
    public static Correlation correlation(String requestId, ServerWebExchange exchange) {
        TraceContext context = of(exchange);
        if (context == null) {
            return Correlation.of(requestId);
        }
        return new Correlation(requestId, context.traceId(), context.spanId(), Boolean.TRUE.equals(context.sampled()));
    }
}
