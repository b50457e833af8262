package dev.newsroom.gateway;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * Per-request observations at the gateway are off unless {@code GATEWAY_OBSERVATIONS=true} (see
 * application.yml): nobody reads them here, and each costs CPU on every call. Turning Spring
 * Security's observations off by property only makes them no-ops; without this bean its filter
 * chain is still wrapped, filter by filter, in an observing decorator.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "newsroom.gateway.observations", havingValue = "false", matchIfMissing = true)
class ObservationConfiguration {

    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }
}
