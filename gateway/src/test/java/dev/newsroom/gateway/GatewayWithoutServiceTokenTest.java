package dev.newsroom.gateway;

import dev.newsroom.platform.security.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A gateway that cannot get a service token (user-service refuses its secret, or is down) still
 * starts and serves the public routes; what needs {@code /internal/**} is a 503 in the RealWorld
 * shape, not a 500, and nothing is sent to {@code /internal/**} without the token.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"SERVICE_CLIENT_SECRET=a-secret-user-service-refuses"})
@AutoConfigureWebTestClient(timeout = "30s")
@Import(TestTokens.Verification.class)
class GatewayWithoutServiceTokenTest {

    static final StubService USERS = new StubService("user")
            .json("/oauth2/token", 401, "{\"errors\":{\"client\":[\"is unknown or its secret is wrong\"]}}");
    static final StubService ARTICLES = new StubService("article");

    @Autowired
    WebTestClient web;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("USER_SERVICE_URL", USERS::url);
        registry.add("ARTICLE_SERVICE_URL", ARTICLES::url);
    }

    @AfterAll
    static void stopStubs() {
        USERS.close();
        ARTICLES.close();
    }

    @Test
    void theFeedIs503WithoutAServiceTokenAndNoInternalCallIsMade() {
        web.get()
                .uri("/api/articles/feed")
                .header(HttpHeaders.AUTHORIZATION, TestTokens.newUser().authorization())
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectBody()
                .json("{\"errors\":{\"service\":[\"unavailable\"]}}", true);

        org.assertj.core.api.Assertions.assertThat(USERS.requests())
                .noneMatch(request -> request.contains("/internal/"));
        org.assertj.core.api.Assertions.assertThat(ARTICLES.requests())
                .noneMatch(request -> request.contains("/internal/"));
    }

    @Test
    void thePublicRoutesStillAnswer() {
        web.get().uri("/api/articles/some-story").exchange().expectStatus().isOk();
    }
}
