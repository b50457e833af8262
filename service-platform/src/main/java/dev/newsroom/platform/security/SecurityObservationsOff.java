package dev.newsroom.platform.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * Spring Security's per-request observations (a timer for the authorization of every request, an
 * observation around every filter of the chain) cost the comment list a few percent of its CPU (JFR,
 * docs/benchmarks.md) for metrics nothing reads, and with tracing four spans per request that say
 * nothing the server span does not. They are off in every service ({@code TracingEnvironment} sets
 * the property); switching them off by property alone only makes them no-ops: without this bean the
 * chain is still wrapped, filter by filter, in observing decorators. {@code SECURITY_OBSERVATIONS=true}
 * brings both back.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(SecurityObservationSettings.class)
@ConditionalOnProperty(name = "management.observations.enable[spring.security]", havingValue = "false")
public class SecurityObservationsOff {

    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }
}
