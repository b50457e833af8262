package dev.newsroom.platform.web;

import dev.newsroom.platform.tracing.Correlation;
import dev.newsroom.platform.tracing.CurrentCorrelation;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import java.util.List;
import java.util.Set;
import reactor.core.publisher.Hooks;

/**
 * Puts the request id and trace of the Reactor context into the logging MDC ({@code %X{requestId}},
 * {@code %X{traceId}}, {@code %X{spanId}}) and on the thread ({@link CurrentCorrelation}) on whichever
 * thread runs a step of the request, and takes them out again afterwards, using Reactor's automatic
 * context propagation. Services log them through {@code logging.pattern.correlation}.
 */
final class RequestIdLogging implements ThreadLocalAccessor<Correlation> {

    private static volatile boolean installed;

    private RequestIdLogging() {}

    /**
     * Thread-local accessors that libraries register (through {@code META-INF/services}) and that
     * Reactor would otherwise restore around every reactive step of every request as well: no code
     * here reads the security context, the exchange or an observation from a thread local (security
     * is read from the Reactor context; the request's trace travels in its {@link Correlation}), and
     * each costs every step its set and reset.
     */
    static final Set<String> NOT_CARRIED = Set.of(
            "io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor",
            "org.springframework.security.core.context.ReactiveSecurityContextHolderThreadLocalAccessor",
            "org.springframework.security.core.context.SecurityContextHolderThreadLocalAccessor",
            "org.springframework.security.web.server.ServerWebExchangeThreadLocalAccessor");

    /** Once per JVM, however many application contexts start in it (tests start several). */
    static synchronized void install() {
        if (installed) {
            return;
        }
        ContextRegistry registry = ContextRegistry.getInstance();
        for (ThreadLocalAccessor<?> accessor : List.copyOf(registry.getThreadLocalAccessors())) {
            if (NOT_CARRIED.contains(accessor.getClass().getName())) {
                registry.removeThreadLocalAccessor(accessor.key());
            }
        }
        registry.registerThreadLocalAccessor(new RequestIdLogging());
        Hooks.enableAutomaticContextPropagation();
        installed = true;
    }

    @Override
    public Object key() {
        return RequestIds.CONTEXT_KEY;
    }

    @Override
    public Correlation getValue() {
        return CurrentCorrelation.get();
    }

    @Override
    public void setValue(Correlation value) {
        RequestIds.put(value);
    }

    @Override
    public void setValue() {
        RequestIds.put(null);
    }
}
