package dev.newsroom.platform.tracing;

import io.micrometer.observation.ObservationPredicate;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * Health probes and metric scrapes ({@code /readyz}, {@code /livez}, {@code /actuator/**}, on a
 * service's own port or its management port) are neither traced nor timed as requests: Prometheus
 * alone scrapes every process every few seconds, and each scrape would be a trace of its own among
 * the readers' requests.
 */
public final class ProbeRequests {

    private ProbeRequests() {}

    /** Whether {@code path} is a probe's or a scrape's. */
    public static boolean isProbe(String path) {
        return path.startsWith("/actuator") || path.equals("/readyz") || path.equals("/livez");
    }

    /** Turns the server observation of a probe into a no-op. */
    static ObservationPredicate unobserved() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext server
                && isProbe(server.getCarrier().getPath().value()));
    }
}
