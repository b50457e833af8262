package dev.newsroom.platform.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The probes and metrics every service answers, as the launcher, compose, a cluster and Prometheus
 * use them: on the service's management port, ready only with its MongoDB database reachable, alive
 * whenever it answers at all, its metrics named after it. On the service's own port only {@code
 * /readyz} and {@code /livez} (for whatever balances requests over it), none of the actuator. A
 * service's {@code <Name>ServiceApplicationTest} extends this under the service's own test
 * annotation, so the checks run in the context its other tests share.
 */
public abstract class ServiceReadinessChecks {

    @Autowired
    protected WebTestClient web;

    @LocalManagementPort
    int managementPort;

    @LocalServerPort
    int serverPort;

    @Value("${spring.application.name}")
    String applicationName;

    /** What every service with an outbox shows (docs/operations.md). */
    protected static final List<String> OUTBOX_METRICS = List.of(
            "newsroom_outbox_pending{",
            "newsroom_outbox_oldest_age_seconds{",
            "newsroom_outbox_published_total{",
            "newsroom_outbox_failures_total{");

    /** What every service that consumes Kafka and keeps dead letters shows. */
    protected static final List<String> KAFKA_BACKLOG_METRICS =
            List.of("newsroom_consumer_lag{", "newsroom_consumer_oldest_age_seconds{", "newsroom_deadletters_waiting{");

    private WebTestClient management;

    /** A client of the actuator, which answers on the service's management port only. */
    public static WebTestClient managementClient(int managementPort) {
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + managementPort)
                // A scrape lists every series of the service: more than the default 256 KB may be read.
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024))
                .build();
    }

    /** The lists, one after the other. */
    @SafeVarargs
    protected static List<String> metrics(List<String>... lists) {
        return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
    }

    @BeforeEach
    void managementClient() {
        management = managementClient(managementPort);
    }

    @Test
    void isReadyWithItsMongoDatabaseHealthy() {
        management
                .get()
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
        management
                .get()
                .uri("/actuator/health/liveness")
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void theManagementPortIsNotTheServicesPort() {
        assertThat(managementPort).isPositive().isNotEqualTo(serverPort);
    }

    @Test
    void prometheusScrapesNameTheService() {
        assertThat(scrape()).contains("jvm_memory_used_bytes{").contains("application=\"" + applicationName + "\"");
    }

    /** What Prometheus would read from the service now. */
    private String scrape() {
        return management
                .get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    /**
     * The series this service names for its job beyond Boot's own (docs/operations.md), as Prometheus
     * shows them; the Kafka backlog gauges appear after their first reading, so they are awaited.
     */
    protected List<String> ownMetrics() {
        return List.of();
    }

    @Test
    void prometheusShowsWhatMattersForTheServicesJob() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String text = scrape();
            for (String series : ownMetrics()) {
                assertThat(text).as("the scrape names %s", series).contains(series);
            }
        });
    }

    @Test
    void theServicesOwnPortAnswersTheProbesAndNoneOfTheActuator() {
        web.get()
                .uri("/readyz")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
        web.get().uri("/livez").exchange().expectStatus().isOk();
        for (String path : new String[] {"/actuator/health", "/actuator/prometheus", "/actuator/metrics"}) {
            web.get().uri(path).exchange().expectStatus().isNotFound();
        }
    }
}
