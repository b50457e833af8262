package dev.newsroom.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.platform.health.ServiceReadinessChecks;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway in front of stand-in services: each RealWorld path reaches its owner, and the suite's
 * health shows which owner is down without making the gateway itself unready.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class GatewayRoutingTest {

    static final StubService USERS = new StubService("user");
    static final StubService ARTICLES = new StubService("article");
    static final StubService COMMENTS = new StubService("comment");
    static final StubService ASSISTANT = new StubService("assistant");
    static final int NOBODY_LISTENS = closedPort();

    @Autowired
    WebTestClient web;

    @LocalManagementPort
    int managementPort;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("USER_SERVICE_URL", USERS::url);
        registry.add("ARTICLE_SERVICE_URL", ARTICLES::url);
        registry.add("COMMENT_SERVICE_URL", COMMENTS::url);
        registry.add("ASSISTANT_SERVICE_URL", ASSISTANT::url);
        registry.add("TRENDING_SERVICE_URL", () -> "http://127.0.0.1:" + NOBODY_LISTENS);
        registry.add("DOWNSTREAM_HEALTH_TIMEOUT", () -> "1s");
    }

    @AfterAll
    static void stopStubs() {
        USERS.close();
        ARTICLES.close();
        COMMENTS.close();
        ASSISTANT.close();
    }

    @ParameterizedTest
    @CsvSource({
        "/api/users/login, user",
        "/api/profiles/ada, user",
        "/api/articles, article",
        "/api/tags, article",
        "/api/articles/how-to-train-your-dragon/comments, comment"
    })
    void eachPathReachesTheServiceThatOwnsIt(String path, String owner) {
        web.get()
                .uri(path)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.service")
                .isEqualTo(owner)
                .jsonPath("$.path")
                .isEqualTo(path);
    }

    @Test
    void anonymousQuestionsAboutAnArticleReachTheAssistantNotTheArticles() {
        web.post()
                .uri("/api/articles/how-to-train-your-dragon/ask")
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue("{\"question\":\"Who trains the dragon?\"}".getBytes())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.service")
                .isEqualTo("assistant")
                .jsonPath("$.path")
                .isEqualTo("/api/articles/how-to-train-your-dragon/ask");
        assertThat(ASSISTANT.requests()).contains("POST /api/articles/how-to-train-your-dragon/ask");
    }

    @Test
    void internalEndpointsAreNotReachableThroughTheGateway() {
        web.post().uri("/internal/profiles").exchange().expectStatus().isNotFound();
        web.get()
                .uri("/internal/users/by-username/ada")
                .exchange()
                .expectStatus()
                .isNotFound();
        assertThat(USERS.requests()).noneMatch(request -> request.contains("/internal/"));
    }

    @Test
    void pathsThatNeedATokenAreRefusedAtTheEdge() {
        for (String path : java.util.List.of("/api/user", "/api/articles/feed")) {
            web.get()
                    .uri(path)
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .expectBody()
                    .json("{\"errors\":{\"token\":[\"is missing\"]}}");
        }
    }

    @Test
    void aServiceThatDoesNotAnswerGives503InTheErrorShape() {
        web.get()
                .uri("/api/trending")
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectBody()
                .json("{\"errors\":{\"service\":[\"unavailable\"]}}");
    }

    @Test
    void suiteHealthNamesTheServiceThatIsDownWhileTheGatewayStaysReady() {
        WebTestClient management = ServiceReadinessChecks.managementClient(managementPort);
        management
                .get()
                .uri("/actuator/health/services")
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectBody()
                .jsonPath("$.components.user.status")
                .isEqualTo("UP")
                .jsonPath("$.components.article.status")
                .isEqualTo("UP")
                .jsonPath("$.components.trending.status")
                .isEqualTo("DOWN");
        management
                .get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk();
        web.get().uri("/readyz").exchange().expectStatus().isOk();
    }

    @Test
    void theActuatorAnswersOnTheManagementPortOnlyAndThePublicDoorKeepsTheProbes() {
        WebTestClient management = ServiceReadinessChecks.managementClient(managementPort);
        web.get().uri("/api/tags").exchange().expectStatus().isOk();
        web.get().uri("/api/no-such-thing").exchange().expectStatus().isNotFound();
        management
                .get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(text -> assertThat(text)
                        .contains("jvm_memory_used_bytes")
                        .contains("application=\"gateway\"")
                        .containsPattern(
                                "newsroom_gateway_requests_seconds_bucket\\{[^}]*method=\"GET\"[^}]*route=\"tags\""
                                        + "[^}]*status=\"200\"")
                        .containsPattern(
                                "newsroom_gateway_requests_seconds_count\\{[^}]*route=\"other\"[^}]*status=\"404\"")
                        .contains("newsroom_gateway_rate_limited_total")
                        .contains("resilience4j_circuitbreaker_state{"));
        for (String path : new String[] {"/actuator/health", "/actuator/prometheus", "/actuator/metrics"}) {
            web.get().uri(path).exchange().expectStatus().isNotFound();
        }
        web.get().uri("/livez").exchange().expectStatus().isOk();
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
