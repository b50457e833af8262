package dev.newsroom.platform.tracing;

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
                "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration")
public class TracingAutoConfiguration {

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
