package dev.newsroom.assistant;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

@AssistantServiceTest
class AssistantServiceApplicationTest {

    @Autowired
    WebTestClient web;

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
