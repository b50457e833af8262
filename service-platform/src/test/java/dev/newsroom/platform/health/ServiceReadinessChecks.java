package dev.newsroom.platform.health;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The probes every service answers, as the launcher, compose and a cluster use them: ready only
 * with its MongoDB database reachable, alive whenever it answers at all. A service's
 * {@code <Name>ServiceApplicationTest} extends this under the service's own test annotation, so the
 * checks run in the context its other tests share.
 */
public abstract class ServiceReadinessChecks {

    @Autowired
    protected WebTestClient web;

    @Test
    void isReadyWithItsMongoDatabaseHealthy() {
        web.get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP")
                .jsonPath("$.components.mongo.status")
                .isEqualTo("UP");
    }

    @Test
    void livenessProbeAnswers() {
        web.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    }
}
