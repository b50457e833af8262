package dev.newsroom.gateway.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.stereotype.Component;

/**
 * Each service's circuit breaker, for the gateway's own calls ({@code relay.ServiceRelay}): the very
 * breaker the routes use, taken from the same registry with the same settings, so that both kinds of
 * call open and close it together. The relay asks once per service and keeps it; Spring Cloud's
 * per-call wrapper ({@code factory.create(id).run(…)}) built a configuration and looked the breaker up
 * on every call, which was measurable on the gateway's busiest paths.
 */
@Component
public class ServiceBreakers {

    private final ReactiveResilience4JCircuitBreakerFactory factory;
    private final CircuitBreakerConfig config;

    ServiceBreakers(ReactiveResilience4JCircuitBreakerFactory factory, CircuitBreakerConfig serviceBreakerConfig) {
        this.factory = factory;
        this.config = serviceBreakerConfig;
    }

    /** The breaker of {@code service}, created on first use. */
    public CircuitBreaker of(String service) {
        return factory.getCircuitBreakerRegistry().circuitBreaker(service, config);
    }
}
