package dev.newsroom.platform.tracing;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The few environment variables an operator sets to see traces and structured logs, turned into
 * Boot's settings once for every process (each service's {@code application.yml} stays silent on
 * them; anything set there or on the command line still wins, because these defaults come last):
 *
 * <ul>
 *   <li>{@code TRACING_SAMPLING}: the share of new traces recorded, 0 to 1 (default 0.1); a request
 *       that arrives with a sampled {@code traceparent} is recorded whatever it says.
 *   <li>{@code ZIPKIN_ENDPOINT}, e.g. {@code http://zipkin:9411/api/v2/spans}: spans are sent there.
 *   <li>{@code OTEL_EXPORTER_OTLP_ENDPOINT} (the OpenTelemetry variable, e.g. {@code
 *       http://collector:4318}) or {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} (the full URL): spans are
 *       sent over OTLP/HTTP.
 *   <li>{@code LOG_FORMAT=json}: every line is one JSON object in the Elastic Common Schema, with
 *       the request id, trace id and span id as fields.
 * </ul>
 *
 * <p>With neither endpoint set nothing is exported: Zipkin's exporter would otherwise send to
 * {@code localhost:9411} by default. The log pattern names the request, trace and span ids.
 */
public class TracingEnvironment implements EnvironmentPostProcessor {

    static final String SOURCE = "newsroomTracingDefaults";

    static final String CORRELATION = "%replace([%X{requestId:-},%X{traceId:-},%X{spanId:-}] ){'^\\[,,\\] $', ''}";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, defaults(environment::getProperty)));
    }

    /** The settings, from variables read through {@code variables}. */
    static Map<String, Object> defaults(java.util.function.Function<String, String> variables) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("management.tracing.sampling.probability", orElse(variables.apply("TRACING_SAMPLING"), "0.1"));
        // W3C Trace Context only, read and written (Boot would also read B3's four headers), and no
        // baggage: nothing in Newsroom uses it, and each costs header look-ups on every request.
        settings.put("management.tracing.propagation.type", "W3C");
        settings.put("management.tracing.baggage.enabled", "false");
        String zipkin = variables.apply("ZIPKIN_ENDPOINT");
        settings.put("management.tracing.export.zipkin.enabled", String.valueOf(present(zipkin)));
        if (present(zipkin)) {
            settings.put("management.tracing.export.zipkin.endpoint", zipkin.trim());
        }
        String otlp = otlpEndpoint(
                variables.apply("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"), variables.apply("OTEL_EXPORTER_OTLP_ENDPOINT"));
        if (otlp != null) {
            settings.put("management.opentelemetry.tracing.export.otlp.endpoint", otlp);
        }
        // Kafka records: the binder's listener observation makes each consumer's span a child of
        // the traceparent header the outbox relay wrote (OutboxSender).
        settings.put("spring.cloud.stream.kafka.binder.enable-observation", "true");
        // Spring Security's observations: four spans per request saying nothing the server span does
        // not, at a measured cost (security/SecurityObservationsOff).
        settings.put(
                "management.observations.enable[spring.security]",
                orElse(variables.apply("SECURITY_OBSERVATIONS"), "false"));
        // "[request id,trace id,span id] ", left out on lines written outside any request.
        settings.put("logging.pattern.correlation", CORRELATION);
        if ("json".equalsIgnoreCase(orElse(variables.apply("LOG_FORMAT"), "").trim())) {
            settings.put("logging.structured.format.console", "ecs");
        }
        return settings;
    }

    /**
     * The traces URL: the signal's own variable as it is, or the general one with {@code /v1/traces}
     * added, as OpenTelemetry's SDKs read them for OTLP over HTTP.
     */
    static String otlpEndpoint(String traces, String general) {
        if (present(traces)) {
            return traces.trim();
        }
        if (!present(general)) {
            return null;
        }
        String base = general.trim();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1/traces";
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static String orElse(String value, String otherwise) {
        return present(value) ? value.trim().toLowerCase(Locale.ROOT) : otherwise;
    }
}
