package dev.newsroom.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.zipkin.ZipkinSpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Which exporter Boot sets up from the variables an operator sets (through {@link TracingEnvironment}). */
class TracingExportTest {

    private static final AutoConfigurations TRACING = AutoConfigurations.of(
            org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration.class,
            org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration.class,
            org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration.class,
            org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure
                    .OpenTelemetryTracingAutoConfiguration.class,
            org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration
                    .class,
            org.springframework.boot.zipkin.autoconfigure.ZipkinAutoConfiguration.class,
            org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.zipkin
                    .ZipkinWithOpenTelemetryTracingAutoConfiguration.class,
            TracingAutoConfiguration.class);

    private static ApplicationContextRunner with(Map<String, String> variables) {
        String[] settings = TracingEnvironment.defaults(variables::get).entrySet().stream()
                .filter(setting -> setting.getKey().startsWith("management."))
                .map(setting -> setting.getKey() + "=" + setting.getValue())
                .toArray(String[]::new);
        return new ApplicationContextRunner().withConfiguration(TRACING).withPropertyValues(settings);
    }

    @Test
    void withNoEndpointSpansAreMadeButNotSentAnywhere() {
        with(Map.of()).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(SpanExporter.class);
            assertThat(context.getBean(MessageTraces.class)).isNotSameAs(MessageTraces.OFF);
        });
    }

    @Test
    void aZipkinEndpointSendsSpansToZipkin() {
        with(Map.of("ZIPKIN_ENDPOINT", "http://127.0.0.1:9411/api/v2/spans")).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(ZipkinSpanExporter.class);
            assertThat(context).doesNotHaveBean(OtlpHttpSpanExporter.class);
        });
    }

    @Test
    void theOpenTelemetryEndpointSendsSpansOverOtlp() {
        with(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318")).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(OtlpHttpSpanExporter.class);
            assertThat(context).doesNotHaveBean(ZipkinSpanExporter.class);
        });
    }
}
