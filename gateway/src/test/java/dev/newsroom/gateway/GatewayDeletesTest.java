package dev.newsroom.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.platform.security.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Deleting an article or a comment reaches its owner. The gateway's own controllers map other
 * methods on these paths, and a path mapped for GET or PUT only would answer 405 to DELETE.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
@Import(TestTokens.Verification.class)
class GatewayDeletesTest {

    static final StubService USERS = new StubService("user");
    static final StubService ARTICLES = new StubService("article")
            .json("/api/articles/forbidden-one", 403, "{\"errors\":{\"article\":[\"forbidden\"]}}")
            .on("/api/articles/dragons", exchange -> {
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
    static final StubService COMMENTS = new StubService("comment")
            .json("/api/articles/dragons/comments/abc", 404, "{\"errors\":{\"comment\":[\"not found\"]}}")
            .on("/api/articles/dragons/comments/7", exchange -> {
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });

    @Autowired
    WebTestClient web;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("USER_SERVICE_URL", USERS::url);
        registry.add("ARTICLE_SERVICE_URL", ARTICLES::url);
        registry.add("COMMENT_SERVICE_URL", COMMENTS::url);
        registry.add("TRENDING_SERVICE_URL", USERS::url);
    }

    @AfterAll
    static void stopStubs() {
        USERS.close();
        ARTICLES.close();
        COMMENTS.close();
    }

    @Test
    void anArticleIsDeletedByItsService() {
        String token = TestTokens.newUser().authorization();
        web.delete()
                .uri("/api/articles/dragons")
                .header("Authorization", token)
                .exchange()
                .expectStatus()
                .isNoContent()
                .expectBody()
                .isEmpty();
        assertThat(ARTICLES.requests()).contains("DELETE /api/articles/dragons");

        web.delete()
                .uri("/api/articles/forbidden-one")
                .header("Authorization", token)
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .json("{\"errors\":{\"article\":[\"forbidden\"]}}");
    }

    @Test
    void aCommentIsDeletedByItsService() {
        String token = TestTokens.newUser().authorization();
        web.delete()
                .uri("/api/articles/dragons/comments/7")
                .header("Authorization", token)
                .exchange()
                .expectStatus()
                .isNoContent();
        assertThat(COMMENTS.requests()).contains("DELETE /api/articles/dragons/comments/7");

        web.delete()
                .uri("/api/articles/dragons/comments/abc")
                .header("Authorization", token)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .json("{\"errors\":{\"comment\":[\"not found\"]}}");
    }

    @Test
    void deletingWithoutATokenIsRefusedAtTheEdge() {
        web.delete()
                .uri("/api/articles/dragons")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .json("{\"errors\":{\"token\":[\"is missing\"]}}");
    }
}
