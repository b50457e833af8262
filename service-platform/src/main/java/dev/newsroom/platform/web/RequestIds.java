package dev.newsroom.platform.web;

import dev.newsroom.platform.tracing.Correlation;
import dev.newsroom.platform.tracing.CurrentCorrelation;
import dev.newsroom.platform.tracing.ExchangeTraces;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * Gives every request an {@value #HEADER}: the caller's own when it sent a sensible one (the
 * gateway's, or a client's that wants to follow its request through the logs), a new UUID
 * otherwise. It comes back on every response, errors included, and sits in the Reactor context with
 * the request's trace and span ids (a {@link Correlation}), from where {@link RequestIdLogging} puts
 * them in the logging MDC, so every log line written while the request is handled carries them. The
 * gateway passes the id on to every service it calls.
 *
 * <p>That automatic propagation costs every reactive step of every request a little; a service that
 * logs only in a few known places (the gateway) switches it off with
 * {@code newsroom.logging.automatic-request-id=false} and logs through {@link #logWith}.
 */
public class RequestIds implements WebFilter, Ordered {

    public static final String HEADER = "X-Request-Id";
    /** The key of the {@link Correlation} in the Reactor context, and of the id in the logging MDC. */
    public static final String CONTEXT_KEY = "requestId";
    /** The logging MDC's keys for the trace and span ids (Micrometer Tracing's own). */
    static final String TRACE_KEY = "traceId";

    static final String SPAN_KEY = "spanId";
    private static final String ATTRIBUTE = Correlation.class.getName();

    /** Short and plain: an id is echoed into headers and logs, so it must not carry anything else. */
    private static final int LONGEST = 64;

    @Override
    public int getOrder() {
        // Before everything, the security chain included, so its 401s carry the id too; only after
        // a filter that starts the request's span itself (the gateway's), to name its ids.
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        List<String> offered = exchange.getRequest().getHeaders().get(HEADER);
        String id = idOf(offered == null || offered.isEmpty() ? null : offered.get(0));
        exchange.getResponse().getHeaders().set(HEADER, id);
        // The request passes its id on (the gateway's proxied calls copy its headers): it already
        // carries it when it came with exactly that one, the usual case behind the gateway.
        ServerWebExchange passed =
                offered != null && offered.size() == 1 && offered.get(0).equals(id)
                        ? exchange
                        : exchange.mutate()
                                .request(exchange.getRequest()
                                        .mutate()
                                        .headers(headers -> headers.set(HEADER, id))
                                        .build())
                                .build();
        Correlation correlation = ExchangeTraces.correlation(id, exchange);
        passed.getAttributes().put(ATTRIBUTE, correlation);
        return chain.filter(passed).contextWrite(context -> context.put(CONTEXT_KEY, correlation));
    }

    static String idOf(String offered) {
        return offered != null && acceptable(offered) ? offered : newId();
    }

    /**
     * {@code [A-Za-z0-9._-]{1,64}}, checked by hand: it runs on every request of every service, and
     * a regular expression's bounded repetition costs a call per character.
     */
    static boolean acceptable(String offered) {
        int length = offered.length();
        if (length == 0 || length > LONGEST) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = offered.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '_'
                    || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /**
     * A random UUID-shaped id. It only correlates log lines, so it comes from the thread's own
     * generator rather than {@link UUID#randomUUID()}'s SecureRandom, which every request would
     * otherwise queue for.
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(random.nextLong() & ~0xF000L | 0x4000L, random.nextLong() & ~(3L << 62) | (1L << 63))
                .toString();
    }

    /** The request id in a Reactor context, if the request came through this filter. */
    public static String from(ContextView context) {
        Correlation correlation = correlationIn(context);
        return correlation == null ? null : correlation.requestId();
    }

    /** The request's id and trace in a Reactor context, if the request came through this filter. */
    public static Correlation correlationIn(ContextView context) {
        return context.getOrDefault(CONTEXT_KEY, null);
    }

    /** The request's id and trace, if this filter saw the exchange. */
    public static Correlation correlationOf(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }

    /**
     * Runs {@code logging} with the request's id and trace in the logging MDC (and as the thread's
     * {@link CurrentCorrelation}), and puts back what was there before: for code that logs, or writes
     * events, where the automatic propagation is off.
     */
    public static void logWith(Correlation correlation, Runnable logging) {
        callWith(correlation, () -> {
            logging.run();
            return null;
        });
    }

    /**
     * The step {@code step} assembles, assembled with the request's id and trace on the thread: where
     * the automatic propagation is off, so that the events a step builds ({@code OutboxEvent.of})
     * carry the request's trace, and its log lines its ids. Only what runs while {@code step} is
     * called sees them, not what the returned step does later.
     */
    public static <T> Mono<T> withCorrelation(Supplier<Mono<T>> step) {
        return Mono.deferContextual(context -> callWith(correlationIn(context), step));
    }

    private static <T> T callWith(Correlation correlation, Supplier<T> call) {
        Correlation before = CurrentCorrelation.get();
        if (correlation == null || correlation.equals(before)) {
            return call.get();
        }
        put(correlation);
        try {
            return call.get();
        } finally {
            put(before);
        }
    }

    /** Puts {@code correlation} in the MDC and on the thread; null takes them away. */
    static void put(Correlation correlation) {
        CurrentCorrelation.set(correlation);
        if (correlation == null) {
            MDC.remove(CONTEXT_KEY);
            MDC.remove(TRACE_KEY);
            MDC.remove(SPAN_KEY);
            return;
        }
        MDC.put(CONTEXT_KEY, correlation.requestId());
        if (correlation.traceId() == null) {
            MDC.remove(TRACE_KEY);
            MDC.remove(SPAN_KEY);
        } else {
            MDC.put(TRACE_KEY, correlation.traceId());
            MDC.put(SPAN_KEY, correlation.spanId());
        }
    }
}
