package dev.newsroom.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TracingEnvironmentTest {

    @Test
    void withNothingSetOneTraceInTenIsRecordedAndNothingIsExported() {
        Map<String, Object> settings = TracingEnvironment.defaults(name -> null);

        assertThat(settings)
                .containsEntry("management.tracing.sampling.probability", "0.1")
                .containsEntry("management.tracing.export.zipkin.enabled", "false")
                .containsEntry("management.tracing.propagation.type", "W3C")
                .containsEntry("spring.cloud.stream.kafka.binder.enable-observation", "true")
                .containsEntry("logging.pattern.correlation", TracingEnvironment.CORRELATION)
                .doesNotContainKey("management.opentelemetry.tracing.export.otlp.endpoint")
                .doesNotContainKey("logging.structured.format.console");
    }

    @Test
    void aZipkinEndpointTurnsItsExporterOnAndSamplingIsSettable() {
        Map<String, String> variables =
                Map.of("ZIPKIN_ENDPOINT", " http://127.0.0.1:9411/api/v2/spans ", "TRACING_SAMPLING", "1.0");

        Map<String, Object> settings = TracingEnvironment.defaults(variables::get);

        assertThat(settings)
                .containsEntry("management.tracing.export.zipkin.enabled", "true")
                .containsEntry("management.tracing.export.zipkin.endpoint", "http://127.0.0.1:9411/api/v2/spans")
                .containsEntry("management.tracing.sampling.probability", "1.0");
    }

    @Test
    void theOpenTelemetryVariablesGiveTheTracesUrlAsTheSdksReadThem() {
        assertThat(TracingEnvironment.otlpEndpoint(null, "http://collector:4318"))
                .isEqualTo("http://collector:4318/v1/traces");
        assertThat(TracingEnvironment.otlpEndpoint(null, "http://collector:4318/"))
                .isEqualTo("http://collector:4318/v1/traces");
        assertThat(TracingEnvironment.otlpEndpoint("http://jaeger:4318/v1/traces", "http://collector:4318"))
                .isEqualTo("http://jaeger:4318/v1/traces");
        assertThat(TracingEnvironment.otlpEndpoint(" ", null)).isNull();
    }

    @Test
    void logFormatJsonSwitchesTheConsoleToStructuredLines() {
        assertThat(TracingEnvironment.defaults(Map.of("LOG_FORMAT", "JSON")::get))
                .containsEntry("logging.structured.format.console", "ecs");
        assertThat(TracingEnvironment.defaults(Map.of("LOG_FORMAT", "text")::get))
                .doesNotContainKey("logging.structured.format.console");
    }

    @Test
    void onlyWellFormedTraceparentsAreCarriedOn() {
        assertThat(TraceParents.valid("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
                .isNotNull();
        assertThat(TraceParents.valid("00-zzzz-bad")).isNull();
        assertThat(TraceParents.valid("00-00000000000000000000000000000000-00f067aa0ba902b7-01"))
                .as("an all-zero trace id")
                .isNull();
        assertThat(TraceParents.valid("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01"))
                .as("upper case")
                .isNull();
        assertThat(TraceParents.valid(null)).isNull();
    }

    @Test
    void newIdsMakeAValidTraceparentAndTheSampledFlagIsRead() {
        for (int i = 0; i < 100; i++) {
            String traceparent = TraceParents.format(TraceParents.newTraceId(), TraceParents.newSpanId(), i % 2 == 0);
            assertThat(TraceParents.valid(traceparent)).isEqualTo(traceparent);
            assertThat(TraceParents.sampled(traceparent)).isEqualTo(i % 2 == 0);
        }
        assertThat(TraceParents.sampled("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-03"))
                .as("other flags beside it")
                .isTrue();
    }
}
