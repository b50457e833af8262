package dev.newsroom.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Reads pass through the gateway as the owning service wrote them: body, ETag and Cache-Control
 * unchanged, filters and conditional requests handed on, and no call to user-service on the way
 * (the services answer with the authors' profiles themselves).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "newsroom.page-popular-max-age=1h")
@AutoConfigureWebTestClient(timeout = "30s")
class GatewayReadPathTest {

    static final StubService USERS = new StubService("user");
    static final StubService ARTICLES = new StubService("article");
    static final StubService COMMENTS = new StubService("comment");
    static final StubService TRENDING = new StubService("trending");

    static final String STORY = "{\"article\":{\"slug\":\"breaking\",\"title\":\"Breaking\",\"author\":"
            + "{\"username\":\"ada\",\"bio\":null,\"image\":null,\"following\":false}}}";

    @Autowired
    WebTestClient web;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("USER_SERVICE_URL", USERS::url);
        registry.add("ARTICLE_SERVICE_URL", ARTICLES::url);
        registry.add("COMMENT_SERVICE_URL", COMMENTS::url);
        registry.add("TRENDING_SERVICE_URL", TRENDING::url);
        ARTICLES.on("/api/articles/breaking", exchange -> {
            byte[] body = STORY.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("ETag", "\"v1\"");
            exchange.getResponseHeaders().add("Cache-Control", "max-age=5, public");
            exchange.getResponseHeaders().add("Vary", "Authorization");
            if ("\"v1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.sendResponseHeaders(304, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        COMMENTS.json(
                "/api/articles/breaking/comments",
                200,
                "{\"comments\":[{\"id\":1,\"body\":\"First\",\"author\":{\"username\":\"bo\",\"bio\":null,"
                        + "\"image\":null,\"following\":false}}]}");
        TRENDING.json("/api/trending", 200, "{\"ranking\":\"popular\",\"articles\":[]}");
    }

    @AfterAll
    static void stopStubs() {
        USERS.close();
        ARTICLES.close();
        COMMENTS.close();
        TRENDING.close();
    }

    @Test
    void aStoryReadIsArticleServicesAnswerAsItWasWritten() {
        EntityExchangeResult<String> read = web.get()
                .uri("/api/articles/breaking")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult();

        assertThat(read.getResponseBody()).isEqualTo(STORY);
        assertThat(read.getResponseHeaders().getETag()).isEqualTo("\"v1\"");
        assertThat(read.getResponseHeaders().getCacheControl()).isEqualTo("max-age=5, public");
        assertThat(USERS.requests()).noneMatch(request -> request.contains("/internal/"));
    }

    @Test
    void aReaderWhoHasTheStoryAlreadyGetsTheServices304() {
        web.get()
                .uri("/api/articles/breaking")
                .header("If-None-Match", "\"v1\"")
                .exchange()
                .expectStatus()
                .isNotModified()
                .expectHeader()
                .valueEquals("ETag", "\"v1\"")
                .expectBody()
                .isEmpty();
    }

    @Test
    void aListsFiltersReachArticleServiceAsTheClientWroteThem() {
        web.get()
                .uri("/api/articles?author=ada&favorited=bo&tag=ai&limit=20&offset=0")
                .exchange()
                .expectStatus()
                .isOk();

        assertThat(ARTICLES.requests()).contains("GET /api/articles?author=ada&favorited=bo&tag=ai&limit=20&offset=0");
        assertThat(USERS.requests()).noneMatch(request -> request.contains("/internal/"));
    }

    @Test
    void theCommentsOfAStoryAreCommentServicesAnswer() {
        web.get()
                .uri("/api/articles/breaking/comments")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.comments[0].author.username")
                .isEqualTo("bo");
    }

    @Test
    void theArticlePagePutsThePartsSideBySideAndAsksForThePopularBoxOnceAWhile() {
        for (int i = 0; i < 3; i++) {
            web.get()
                    .uri("/api/pages/articles/breaking")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .doesNotExist("X-Newsroom-Degraded")
                    .expectBody()
                    .jsonPath("$.article.author.username")
                    .isEqualTo("ada")
                    .jsonPath("$.comments.comments[0].author.username")
                    .isEqualTo("bo")
                    .jsonPath("$.popular.ranking")
                    .isEqualTo("popular");
        }

        assertThat(TRENDING.requests())
                .filteredOn(request -> request.startsWith("GET /api/trending"))
                .hasSize(1);
        assertThat(USERS.requests()).noneMatch(request -> request.contains("/internal/"));
    }
}
