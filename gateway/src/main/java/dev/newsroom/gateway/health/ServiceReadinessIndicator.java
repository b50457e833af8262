package dev.newsroom.gateway.health;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Asks one service's {@code /readyz} and reports its answer, or why there was none. {@code /readyz} is
 * the readiness group on the service's own port (its actuator lives on a management port that the
 * gateway need not reach), so it says whether the service can answer the requests sent there.
 */
final class ServiceReadinessIndicator implements ReactiveHealthIndicator {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT =
            new ParameterizedTypeReference<>() {};

    private final WebClient client;
    private final URI readiness;
    private final Duration timeout;

    ServiceReadinessIndicator(WebClient client, URI base, Duration timeout) {
        this.client = client;
        this.readiness = base.resolve("/readyz");
        this.timeout = timeout;
    }

    @Override
    public Mono<Health> health() {
        return client.get()
                .uri(readiness)
                .exchangeToMono(response -> response.bodyToMono(JSON_OBJECT).defaultIfEmpty(Map.of()))
                .timeout(timeout)
                .map(this::fromReport)
                .onErrorResume(e -> Mono.just(Health.down()
                        .withDetail("url", readiness.toString())
                        .withDetail("error", e.getClass().getSimpleName() + ": " + e.getMessage())
                        .build()));
    }

    private Health fromReport(Map<String, Object> report) {
        Object status = report.getOrDefault("status", Status.UNKNOWN.getCode());
        return Health.status(String.valueOf(status))
                .withDetail("url", readiness.toString())
                .build();
    }
}
