package dev.newsroom.platform.tracing;

import io.micrometer.observation.ObservationPredicate;
import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The spans Newsroom's own Kafka code starts ({@link MessageTraces}), over Boot's tracer when there
 * is one, in services that use Kafka. Boot configures the rest (sampling, propagation, exporters)
 * from the settings {@link TracingEnvironment} derives from the environment.
 */
@AutoConfiguration(
        afterName =
                "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
        beforeName =
                "org.springframework.boot.micrometer.tracing.autoconfigure.prometheus.PrometheusExemplarsAutoConfiguration")
public class TracingAutoConfiguration {

    @Bean
    ObservationPredicate probesUnobserved() {
        return ProbeRequests.unobserved();
    }

    /**
     * No Prometheus exemplars. With a tracer, Boot would attach the current trace to samples, also
     * to the {@code _count} of every timer, and Prometheus 2.42 (Debian's, which CI and {@code
     * ./local-suite.sh --observe} run) then refuses the whole scrape ("does not support exemplars").
     * Traces are found in Zipkin or Jaeger by route and time instead (docs/operations.md).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.prometheus.metrics.tracer.common.SpanContext")
    static class NoExemplars {

        @Bean
        @ConditionalOnMissingBean
        io.prometheus.metrics.tracer.common.SpanContext noExemplars() {
            return new io.prometheus.metrics.tracer.common.SpanContext() {
                @Override
                public String getCurrentTraceId() {
                    return null;
                }

                @Override
                public String getCurrentSpanId() {
                    return null;
                }

                @Override
                public boolean isCurrentSpanSampled() {
                    return false;
                }

                @Override
                public void markCurrentSpanAsExemplar() {}
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.apache.kafka.common.header.Headers")
    static class KafkaTracing {

        @Bean
        @ConditionalOnMissingBean
        MessageTraces messageTraces(ObjectProvider<Tracer> tracer) {
            Tracer found = tracer.getIfAvailable();
            return found == null || found == Tracer.NOOP ? MessageTraces.OFF : new MessageTraces(found);
        }
    }
}
