package dev.newsroom.platform.web;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
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

    /** Once per JVM, however many application contexts start in it (tests start several). */
    static synchronized void install() {
        if (installed) {
            return;
        }
        ContextRegistry.getInstance().registerThreadLocalAccessor(new RequestIdLogging());
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
