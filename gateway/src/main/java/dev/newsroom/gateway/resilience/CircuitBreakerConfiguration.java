package dev.newsroom.gateway.resilience;

import dev.newsroom.gateway.DownstreamServices;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One Resilience4j circuit breaker per service ({@code user}, {@code article}, …), used by the
 * composed endpoints and the proxied routes alike. Only failures to answer count (no connection,
 * timeouts, 5xx); a service's 4xx answer is a healthy service saying no, and is never counted (the
 * relay and the routes' filter both pass it on as an answer, not a failure). Once half the recent calls
 * failed, the breaker opens: calls fail at once with 503 for {@code wait-in-open}, then a few trial
 * calls decide whether it closes again.
 */
@Configuration(proxyBeanMethods = false)
class CircuitBreakerConfiguration {

    /** How every service's breaker decides; the routes' and the relay's breakers are the same objects. */
    @Bean
    CircuitBreakerConfig serviceBreakerConfig(
            @Value("${newsroom.circuit-breaker.window:20}") int window,
            @Value("${newsroom.circuit-breaker.minimum-calls:10}") int minimumCalls,
            @Value("${newsroom.circuit-breaker.failure-rate:50}") float failureRate,
            @Value("${newsroom.circuit-breaker.wait-in-open:10s}") Duration waitInOpen) {
        return CircuitBreakerConfig.custom()
                .slidingWindowSize(window)
                .minimumNumberOfCalls(minimumCalls)
                .failureRateThreshold(failureRate)
                .waitDurationInOpenState(waitInOpen)
                .permittedNumberOfCallsInHalfOpenState(3)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .build();
    }

    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> everyServiceBreaker(
            DownstreamServices services, CircuitBreakerConfig serviceBreakerConfig) {
        // The calls carry their own timeouts (newsroom.call-timeout, the routes' response-timeout), so the
        // limiter is off (spring.cloud.circuitbreaker.resilience4j.disable-time-limiter); if it is turned
        // back on, it only backs them up.
        TimeLimiterConfig limiter = TimeLimiterConfig.custom()
                .timeoutDuration(services.callTimeout().plusSeconds(1))
                .build();
        return factory -> factory.configureDefault(id -> new Resilience4JConfigBuilder(id)
                .circuitBreakerConfig(serviceBreakerConfig)
                .timeLimiterConfig(limiter)
                .build());
    }
}
