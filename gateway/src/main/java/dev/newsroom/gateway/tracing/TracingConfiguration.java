package dev.newsroom.gateway.tracing;

import io.micrometer.tracing.Tracer;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The gateway's spans ({@link GatewayTracing}), over the tracer Boot set up (a no-op one without tracing). */
@Configuration(proxyBeanMethods = false)
class TracingConfiguration {

    @Bean
    GatewayTracing gatewayTracing(
            ObjectProvider<Tracer> tracer,
            @Value("${management.tracing.sampling.probability:0.1}") double probability) {
        return new GatewayTracing(tracer.getIfAvailable(() -> Tracer.NOOP), probability);
    }

    /**
     * The gateway decides which new traces to record before it asks the tracer for a span ({@link
     * GatewayTracing}), so the tracer records every span it is asked for that has no parent, and
     * follows the parent's decision otherwise, as everywhere.
     */
    @Bean
    Sampler gatewaySampler() {
        return Sampler.parentBased(Sampler.alwaysOn());
    }
}
