package dev.newsroom.gateway.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gateway's own request metrics ({@link RouteMeters}); {@code newsroom.route-metrics.enabled=false}
 * ({@code GATEWAY_ROUTE_METRICS=false}) leaves them out, which is how their cost is measured.
 */
@Configuration(proxyBeanMethods = false)
class GatewayMetricsConfiguration {

    @Bean
    @ConditionalOnProperty(name = "newsroom.route-metrics.enabled", matchIfMissing = true)
    RouteMeters routeMeters(MeterRegistry registry) {
        return new RouteMeters(registry);
    }
}
