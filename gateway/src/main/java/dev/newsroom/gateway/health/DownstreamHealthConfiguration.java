package dev.newsroom.gateway.health;

import dev.newsroom.gateway.DownstreamServices;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The {@code services} health component ({@code /actuator/health/services}): one entry per service,
 * each asking that service's own readiness probe, so operators see the whole suite through the
 * gateway. It is left out of the gateway's readiness group on purpose: a gateway whose comment service
 * is down still serves articles.
 */
@Configuration(proxyBeanMethods = false)
class DownstreamHealthConfiguration {

    @Bean
    CompositeReactiveHealthContributor servicesHealthContributor(
            DownstreamServices downstream, WebClient.Builder webClient) {
        Map<String, ReactiveHealthIndicator> indicators = new TreeMap<>();
        for (String name : downstream.services().keySet()) {
            List<URI> instances = downstream.instances(name);
            for (int index = 0; index < instances.size(); index++) {
                // One entry per instance: "article", or "article-0", "article-1", … when there are several.
                String key = instances.size() == 1 ? name : name + "-" + index;
                indicators.put(
                        key,
                        new ServiceReadinessIndicator(
                                webClient.build(), instances.get(index), downstream.healthTimeout()));
            }
        }
        return CompositeReactiveHealthContributor.fromMap(indicators);
    }
}
