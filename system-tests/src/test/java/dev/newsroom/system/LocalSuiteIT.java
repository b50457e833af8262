package dev.newsroom.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole suite as separate processes, started the way the README starts it and used through the
 * gateway as a client would. One suite serves every test here; the last test stops it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalSuiteIT {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path DATA_DIR = RunningSuite.home().resolve("system-tests/target/suite-data");

    private static Map<String, Integer> ports;
    private static RunningSuite suite;

    @BeforeAll
    static void startSuite() {
        ports = RunningSuite.freePorts();
        suite = RunningSuite.start(ports, DATA_DIR, "--fresh").awaitReady();
    }

    @AfterAll
    static void stopSuite() throws InterruptedException {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    @Order(1)
    void everyServiceIsHealthyThroughTheGateway() throws Exception {
        HttpResponse<String> response = get(suite.gatewayUrl() + "/actuator/health/services");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = JSON.readTree(response.body());
        assertThat(health.path("status").asString()).isEqualTo("UP");
        for (String service : List.of("user", "article", "comment", "trending")) {
            assertThat(health.path("components").path(service).path("status").asString())
                    .as("health of %s through the gateway", service)
                    .isEqualTo("UP");
        }
    }

    @Test
    @Order(2)
    void aSecondSuiteOnTheSamePortsIsRefusedNamingThePort() throws Exception {
        try (RunningSuite second = RunningSuite.start(ports, DATA_DIR.resolveSibling("second-suite"))) {
            int status = second.awaitExit(Duration.ofSeconds(60));

            assertThat(status).isEqualTo(2);
            assertThat(second.outputText())
                    .contains("Port " + ports.get("GATEWAY_PORT") + " (gateway) is already in use")
                    .contains("GATEWAY_PORT")
                    .doesNotContain("Exception");
        }
    }

    @Test
    @Order(99)
    void sigtermStopsEveryProcessWithin15Seconds() throws Exception {
        List<ProcessHandle> children = suite.process().descendants().toList();
        assertThat(children).as("kafka, mongo and five services").hasSizeGreaterThanOrEqualTo(7);

        Instant begun = Instant.now();
        boolean stopped = suite.stop(Duration.ofSeconds(15));
        Duration took = Duration.between(begun, Instant.now());

        assertThat(stopped).as("stopped within 15 s (took %s)", took).isTrue();
        assertThat(children).noneMatch(ProcessHandle::isAlive);
    }

    private static HttpResponse<String> get(String url) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
