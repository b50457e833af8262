package dev.newsroom.platform.web;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import java.util.List;
import java.util.Set;
import org.slf4j.MDC;
import reactor.core.publisher.Hooks;

/**
 * Puts the request id of the Reactor context into the logging MDC ({@code %X{requestId}}) on
 * whichever thread runs a step of the request, and takes it out again afterwards, using Reactor's
 * automatic context propagation. Services log it through {@code logging.pattern.correlation}.
 */
final class RequestIdLogging implements ThreadLocalAccessor<String> {

    private static volatile boolean installed;

    private RequestIdLogging() {}

    /**
     * Thread-local accessors that libraries register (through {@code META-INF/services}) and that
     * Reactor would otherwise restore around every reactive step of every request as well: no code
     * here reads the security context, the exchange or an observation from a thread local (security
     * is read from the Reactor context; no tracing is set up), and each costs every step its set
     * and reset.
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
    public String getValue() {
        return MDC.get(RequestIds.CONTEXT_KEY);
    }

    @Override
    public void setValue(String value) {
        MDC.put(RequestIds.CONTEXT_KEY, value);
    }

    @Override
    public void setValue() {
        MDC.remove(RequestIds.CONTEXT_KEY);
    }
}
