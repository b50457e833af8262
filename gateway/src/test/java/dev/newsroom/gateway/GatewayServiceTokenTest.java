package dev.newsroom.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.gateway.credentials.ServiceToken;
import dev.newsroom.platform.security.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
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
 * The gateway gets its service token from user-service with its client id and secret, sends it on
 * every {@code /internal/**} call it makes, and never sends the reader's token there nor its own
 * anywhere else.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"SERVICE_CLIENT_ID=gateway", "SERVICE_CLIENT_SECRET=" + GatewayServiceTokenTest.SECRET})
@AutoConfigureWebTestClient(timeout = "30s")
@Import(TestTokens.Verification.class)
class GatewayServiceTokenTest {

    static final String SECRET = "the-gateways-secret-for-tests";
    static final String TOKEN = TestTokens.service();

    static final StubService USERS = new StubService("user")
            .json(
                    "/oauth2/token",
                    200,
                    "{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":600}")
            .json("/internal/users/", 200, "{\"ids\":[\"followed-id\"]}");
    static final StubService ARTICLES =
            new StubService("article").json("/internal/articles/search", 200, "{\"articles\":[],\"articlesCount\":0}");
    static final StubService COMMENTS = new StubService("comment");
    static final StubService TRENDING = new StubService("trending");

    @Autowired
    WebTestClient web;

    @Autowired
    ServiceToken serviceToken;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("USER_SERVICE_URL", USERS::url);
        registry.add("ARTICLE_SERVICE_URL", ARTICLES::url);
        registry.add("COMMENT_SERVICE_URL", COMMENTS::url);
        registry.add("TRENDING_SERVICE_URL", TRENDING::url);
    }

    @AfterAll
    static void stopStubs() {
        USERS.close();
        ARTICLES.close();
        COMMENTS.close();
        TRENDING.close();
    }

    @Test
    void theGatewayAsksUserServiceForItsTokenWithItsClientCredentials() {
        awaitToken();

        StubService.Received asked = USERS.last("POST /oauth2/token");
        String basic =
                "Basic " + Base64.getEncoder().encodeToString(("gateway:" + SECRET).getBytes(StandardCharsets.UTF_8));
        assertThat(asked.header(HttpHeaders.AUTHORIZATION)).containsExactly(basic);
        assertThat(serviceToken.current()).isEqualTo(TOKEN);
    }

    @Test
    void theFeedsInternalCallsCarryTheServiceTokenAndNeverTheReadersToken() {
        awaitToken();
        TestTokens.User reader = TestTokens.newUser("reader");

        web.get()
                .uri("/api/articles/feed")
                .header(HttpHeaders.AUTHORIZATION, reader.authorization())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.articlesCount")
                .isEqualTo(0);

        assertThat(USERS.last("GET /internal/users/" + reader.id() + "/following")
                        .header(HttpHeaders.AUTHORIZATION))
                .containsExactly("Bearer " + TOKEN);
        assertThat(ARTICLES.last("POST /internal/articles/search").header(HttpHeaders.AUTHORIZATION))
                .containsExactly("Bearer " + TOKEN);
    }

    @Test
    void theServiceTokenNeverLeavesForAPublicRouteNorReachesTheClient() {
        awaitToken();

        String body = web.get()
                .uri("/api/profiles/ada")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        assertThat(USERS.last("GET /api/profiles/ada").header(HttpHeaders.AUTHORIZATION))
                .isEmpty();
        assertThat(body).doesNotContain(TOKEN);
    }

    @Test
    void aClientCannotReachInternalThroughTheGatewayWithAUsersOrAServiceToken() {
        int before = USERS.requests().size();

        web.get()
                .uri("/internal/users/x/following")
                .header(HttpHeaders.AUTHORIZATION, TestTokens.editor().authorization())
                .exchange()
                .expectStatus()
                .isNotFound();
        // A token sent to the gateway is verified as a user's on every path: a service token is none.
        web.get()
                .uri("/internal/users/x/following")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.service())
                .exchange()
                .expectStatus()
                .isUnauthorized();

        assertThat(USERS.requests().subList(before, USERS.requests().size()))
                .noneMatch(request -> request.contains("/internal/"));
    }

    /** The token is fetched in the background as the gateway starts. */
    private void awaitToken() {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (serviceToken.current() == null) {
            assertThat(System.nanoTime())
                    .as("the gateway holds a service token")
                    .isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
