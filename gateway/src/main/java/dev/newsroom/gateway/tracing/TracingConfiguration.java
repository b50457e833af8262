package dev.newsroom.gateway.tracing;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The gateway's spans ({@link GatewayTracing}), over the tracer Boot set up (a no-op one without tracing). */
@Configuration(proxyBeanMethods = false)
class TracingConfiguration {

    @Bean
    GatewayTracing gatewayTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new GatewayTracing(
                tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP));
    }
}
