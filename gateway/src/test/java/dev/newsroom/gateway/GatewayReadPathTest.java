package dev.newsroom.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
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
    static final String STORY_COMMENTS = "{\"comments\":[{\"id\":1,\"body\":\"First\",\"author\":{\"username\":"
            + "\"bo\",\"bio\":null,\"image\":null,\"following\":false}}]}";
    static final String POPULAR = "{\"ranking\":\"popular\",\"articles\":[]}";
    static final String PAGE = "{\"article\":" + STORY.substring("{\"article\":".length(), STORY.length() - 1)
            + ",\"comments\":" + STORY_COMMENTS + ",\"popular\":" + POPULAR + ",\"missing\":[]}";
    /** Characters of several UTF-8 lengths, JSON escapes, and brackets and quotes inside strings. */
    static final String WORLDLY = "Grüße, 新闻 😀 — \\u00e9 \\\" }]{[ \\\\";

    @Autowired
    WebTestClient web;

    @Autowired
    MeterRegistry meters;

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
        COMMENTS.json("/api/articles/breaking/comments", 200, STORY_COMMENTS);
        TRENDING.json("/api/trending", 200, POPULAR);
        // Another form than the services' compact one: whitespace everywhere, which the page does not keep.
        ARTICLES.json("/api/articles/spaced", 200, "{ \"article\" : {\n  \"slug\" : \"spaced\",\n  \"n\" : 1\n} }\n");
        COMMENTS.json("/api/articles/spaced/comments", 200, "{\n  \"comments\" : [ ]\n}\n");
        ARTICLES.json(
                "/api/articles/worldly", 200, "{\"article\":{\"slug\":\"worldly\",\"body\":\"" + WORLDLY + "\"}}");
        COMMENTS.json("/api/articles/worldly/comments", 200, "{\"comments\":[{\"body\":\"" + WORLDLY + "\"}]}");
        ARTICLES.json("/api/articles/unknown", 404, "{\"errors\":{\"article\":[\"not found\"]}}");
        ARTICLES.on("/api/articles/teapot", exchange -> {
            byte[] body = "<html>Not here</html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        ARTICLES.json("/api/articles/quiet", 200, "{\"article\":{\"slug\":\"quiet\"}}");
        COMMENTS.json("/api/articles/quiet/comments", 404, "{\"errors\":{\"article\":[\"not found\"]}}");
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
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_JSON)
                    .expectBody(String.class)
                    .isEqualTo(PAGE);
        }

        assertThat(TRENDING.requests())
                .filteredOn(request -> request.startsWith("GET /api/trending"))
                .hasSize(1);
        assertThat(USERS.requests()).noneMatch(request -> request.contains("/internal/"));
    }

    @Test
    void thePageIsTaggedAndAReaderWhoHasItGetsA304() {
        String etag = web.get()
                .uri("/api/pages/articles/breaking")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("Cache-Control", "max-age=5, public")
                .returnResult(String.class)
                .getResponseHeaders()
                .getETag();

        assertThat(etag).isNotBlank();
        web.get()
                .uri("/api/pages/articles/breaking")
                .header("If-None-Match", etag)
                .exchange()
                .expectStatus()
                .isNotModified()
                .expectBody()
                .isEmpty();
    }

    @Test
    void answersOfAnotherFormMakeTheSamePageAsCompactOnes() {
        web.get()
                .uri("/api/pages/articles/spaced")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .isEqualTo("{\"article\":{\"slug\":\"spaced\",\"n\":1},\"comments\":{\"comments\":[]},\"popular\":"
                        + POPULAR + ",\"missing\":[]}");
    }

    @Test
    void textInEveryScriptReachesThePageByteForByte() {
        byte[] page = web.get()
                .uri("/api/pages/articles/worldly")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody();

        assertThat(page)
                .isEqualTo(("{\"article\":{\"slug\":\"worldly\",\"body\":\"" + WORLDLY + "\"},\"comments\":"
                                + "{\"comments\":[{\"body\":\"" + WORLDLY + "\"}]},\"popular\":" + POPULAR
                                + ",\"missing\":[]}")
                        .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anUnknownArticleIsThePagesOwn404() {
        web.get()
                .uri("/api/pages/articles/unknown")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody(String.class)
                .isEqualTo("{\"errors\":{\"article\":[\"not found\"]}}");
    }

    @Test
    void commentsThatCannotBeFetchedAreNullNamedAndCounted() {
        double before = degradedComments();
        web.get()
                .uri("/api/pages/articles/quiet")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("X-Newsroom-Degraded", "comments")
                .expectBody(String.class)
                .isEqualTo("{\"article\":{\"slug\":\"quiet\"},\"comments\":null,\"popular\":" + POPULAR
                        + ",\"missing\":[\"comments\"]}");
        assertThat(degradedComments() - before).isEqualTo(1);
    }

    private double degradedComments() {
        var counter =
                meters.find("newsroom.gateway.degraded").tag("part", "comments").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void anErrorAnsweredInAnotherShapeReachesTheClientInTheRealWorldOne() {
        web.get()
                .uri("/api/articles/teapot")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_JSON)
                .expectBody(String.class)
                .isEqualTo("{\"errors\":{\"request\":[\"not found\"]}}");
    }

    @Test
    void whatDescribesTheClientsConnectionIsNotPassedOnButItsOwnHeadersAre() {
        web.get()
                .uri("/api/articles/breaking")
                .header("Connection", "keep-alive, X-Private")
                .header("Keep-Alive", "timeout=5")
                .header("X-Private", "for the next hop only")
                .header("TE", "trailers")
                .header("Accept-Language", "de")
                .exchange()
                .expectStatus()
                .isOk();

        StubService.Received read = ARTICLES.last("GET /api/articles/breaking");
        assertThat(read.header("Keep-Alive")).isEmpty();
        assertThat(read.header("TE")).isEmpty();
        assertThat(read.header("X-Private")).isEmpty();
        assertThat(read.header("Connection")).doesNotContain("keep-alive, X-Private");
        assertThat(read.header("Accept-Language")).containsExactly("de");
    }

    @Test
    void aCrossOriginReadVariesByTheOriginAndByTheToken() {
        EntityExchangeResult<String> read = web.get()
                .uri("/api/articles/breaking")
                .header("Origin", "https://reader.example")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .exists("Access-Control-Allow-Origin")
                .expectBody(String.class)
                .returnResult();

        assertThat(read.getResponseHeaders().getVary()).contains("Origin", "Authorization");
        assertThat(read.getResponseHeaders().getVary()).doesNotHaveDuplicates();
    }
}
