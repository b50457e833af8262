package dev.newsroom.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.platform.health.ServiceReadinessChecks;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * article-service as three instances, one of them down: reads are spread over
 * the live ones and never fail, because a read that cannot reach its instance is tried on the next.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class GatewayLoadBalancingTest {

    static final StubService USERS = new StubService("user");
    static final StubService FIRST = new StubService("article");
    static final StubService SECOND = new StubService("article");
    static final StubService COMMENTS = new StubService("comment");
    static final int DOWN = closedPort();

    @Autowired
    WebTestClient web;

    @LocalManagementPort
    int managementPort;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("USER_SERVICE_URL", USERS::url);
        registry.add("ARTICLE_SERVICE_URL", () -> FIRST.url() + ", http://127.0.0.1:" + DOWN + "," + SECOND.url());
        registry.add("COMMENT_SERVICE_URL", COMMENTS::url);
        registry.add("TRENDING_SERVICE_URL", COMMENTS::url);
        String article = "{\"article\":{\"slug\":\"s\",\"title\":\"T\",\"author\":{\"username\":\"u1\"}}}";
        FIRST.json("/api/articles/s", 200, article);
        SECOND.json("/api/articles/s", 200, article);
    }

    @AfterAll
    static void stopStubs() {
        USERS.close();
        FIRST.close();
        SECOND.close();
        COMMENTS.close();
    }

    @Test
    void proxiedReadsAreSpreadOverTheLiveInstancesAndNeverFail() {
        for (int i = 0; i < 12; i++) {
            web.get().uri("/api/tags").exchange().expectStatus().isOk();
        }
        assertThat(FIRST.requests())
                .filteredOn(request -> request.equals("GET /api/tags"))
                .hasSizeGreaterThan(2);
        assertThat(SECOND.requests())
                .filteredOn(request -> request.equals("GET /api/tags"))
                .hasSizeGreaterThan(2);
    }

    @Test
    void storyReadsAreSpreadAndRetriedToo() {
        for (int i = 0; i < 12; i++) {
            web.get()
                    .uri("/api/articles/s")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.article.title")
                    .isEqualTo("T");
        }
        assertThat(FIRST.requests())
                .filteredOn(request -> request.equals("GET /api/articles/s"))
                .isNotEmpty();
        assertThat(SECOND.requests())
                .filteredOn(request -> request.equals("GET /api/articles/s"))
                .isNotEmpty();
    }

    @Test
    void everyInstanceHasItsOwnHealthEntry() {
        ServiceReadinessChecks.managementClient(managementPort)
                .get()
                .uri("/actuator/health/services")
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectBody()
                .jsonPath("$.components.article-0.status")
                .isEqualTo("UP")
                .jsonPath("$.components.article-1.status")
                .isEqualTo("DOWN")
                .jsonPath("$.components.article-2.status")
                .isEqualTo("UP");
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
