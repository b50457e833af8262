package dev.newsroom.gateway.balancing;

import dev.newsroom.gateway.DownstreamServices;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.cloud.client.loadbalancer.reactive.ReactorLoadBalancerExchangeFilterFunction;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.reactive.function.client.WebClient;

@Configuration(proxyBeanMethods = false)
class BalancingConfiguration {

    @Bean
    ReactiveDiscoveryClient newsroomServiceInstances(DownstreamServices services) {
        return new ServiceInstances(services);
    }

    /**
     * Tokens are verified against user-service's key set, fetched (and refetched on an unknown key
     * id) through the load balancer, so any user-service instance can answer.
     */
    @Bean
    ReactiveJwtDecoder gatewayJwtDecoder(WebClient.Builder web, ReactorLoadBalancerExchangeFilterFunction balancing) {
        return NimbusReactiveJwtDecoder.withJwkSetUri(DownstreamServices.balanced("user") + "/.well-known/jwks.json")
                .webClient(web.clone().filter(balancing).build())
                .build();
    }
}
