package dev.newsroom.assistant.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.assistant.Articles;
import dev.newsroom.assistant.Articles.TestArticle;
import dev.newsroom.assistant.Ask;
import dev.newsroom.assistant.AssistantServiceTest;
import dev.newsroom.assistant.SampleArticles;
import dev.newsroom.platform.health.ServiceReadinessChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /api/articles/{slug}/ask} over HTTP, answered extractively. */
@AssistantServiceTest
class AskApiTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WebTestClient web;

    @LocalManagementPort
    int managementPort;

    private WebTestClient management() {
        return ServiceReadinessChecks.managementClient(managementPort);
    }

    @Autowired
    ReactiveMongoTemplate mongo;

    Articles articles;
    Ask ask;
    TestArticle bridge;

    @BeforeEach
    void setUp() {
        articles = new Articles(mongo);
        ask = new Ask(web);
        bridge = articles.live(SampleArticles.BRIDGE_TITLE, SampleArticles.BRIDGE);
    }

    @AfterEach
    void tearDown() {
        articles.close();
    }

    @Test
    void anAnswerQuotesPassagesWhoseOffsetsPointIntoTheArticleBody() {
        byte[] body = ask.question(bridge.slug(), "How much did the repair cost?")
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectHeader()
                .cacheControl(org.springframework.http.CacheControl.noStore())
                .expectBody()
                .returnResult()
                .getResponseBody();

        JsonNode answer = JSON.readTree(body).path("answer");
        assertThat(answer.path("answered").asBoolean()).isTrue();
        assertThat(answer.path("answerer").asString()).isEqualTo("extractive");
        assertThat(answer.path("text").asString()).contains("48 million euros");
        assertThat(answer.path("passages")).isNotEmpty();
        for (JsonNode passage : answer.path("passages")) {
            int start = passage.path("start").asInt();
            int end = passage.path("end").asInt();
            assertThat(SampleArticles.BRIDGE.substring(start, end))
                    .isEqualTo(passage.path("text").asString());
            assertThat(passage.path("index").isInt()).isTrue();
            assertThat(passage.path("score").asDouble()).isPositive();
        }
    }

    @Test
    void aQuestionTheArticleCannotAnswerIsAnsweredHonestly() {
        ask.question(bridge.slug(), "What did the mayor say about the new stadium?")
                .expectStatus()
                .isOk()
                .expectBody()
                .json("""
                        {"answer":{"text":"The article does not say.","answered":false,
                                   "answerer":"extractive","passages":[]}}""");
    }

    @Test
    void withAcceptEventStreamTheAnswerArrivesAsPassageTokenAndDoneEvents() {
        String stream = ask.stream(bridge.slug(), "Who is the chief engineer?");

        List<String[]> events = Ask.events(stream);
        assertThat(events).extracting(event -> event[0]).containsExactly("passage", "token", "done");
        JsonNode passage = JSON.readTree(events.get(0)[1]);
        assertThat(passage.path("text").asString()).contains("Marta Olsen");
        assertThat(JSON.readTree(events.get(1)[1]).path("text").asString()).contains("Marta Olsen");
        JsonNode done = JSON.readTree(events.get(2)[1]).path("answer");
        assertThat(done.path("answered").asBoolean()).isTrue();
        assertThat(done.path("passages").path(0)).isEqualTo(passage);
    }

    @Test
    void anUnknownArticleIs404() {
        ask.question("no-such-article", "How much did the repair cost?")
                .expectStatus()
                .isNotFound()
                .expectBody()
                .json("{\"errors\":{\"article\":[\"not found\"]}}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"question\":\"\"}", "{\"question\":\"   \"}", "{}", "{\"question\":null}", ""})
    void aBlankOrMissingQuestionIs422(String body) {
        ask.body(bridge.slug(), body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .expectStatus()
                .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody()
                .json("{\"errors\":{\"question\":[\"can't be blank\"]}}");
    }

    @Test
    void aQuestionOverFiveHundredCharactersIs422AndFiveHundredIsFine() {
        String longest = "Was it 48 million? " + "x".repeat(500 - 19);

        ask.question(bridge.slug(), longest).expectStatus().isOk();
        ask.question(bridge.slug(), longest + "x")
                .expectStatus()
                .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody()
                .json("{\"errors\":{\"question\":[\"is too long (maximum is 500 characters)\"]}}");
        // Characters, not UTF-16 units: 500 emoji are 1000 chars in Java and still allowed.
        ask.question(bridge.slug(), "😀".repeat(500)).expectStatus().isOk();
    }

    @Test
    void malformedJsonAndWrongTypesAre422WithoutEchoingTheInput() {
        ask.body(bridge.slug(), "{\"question\": oops".getBytes())
                .expectStatus()
                .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody()
                .json("{\"errors\":{\"body\":[\"is not valid JSON for this request\"]}}");
        ask.body(bridge.slug(), Map.of("question", 42))
                .expectStatus()
                .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody()
                .json("{\"errors\":{\"question\":[\"must be a string\"]}}");
        ask.body(bridge.slug(), List.of("question"))
                .expectStatus()
                .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody()
                .json("{\"errors\":{\"body\":[\"is not valid JSON for this request\"]}}");
    }

    @Test
    void anOversizedBodyIs413BeforeItIsParsed() {
        ask.body(bridge.slug(), Map.of("question", "x".repeat(20_000)))
                .expectStatus()
                .isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectBody()
                .json("{\"errors\":{\"body\":[\"is too large\"]}}");
    }

    @Test
    void aClientThatAsksTooOftenGets429WithRetryAfterAndOthersDoNot() {
        // The test configuration allows a burst of 10, then 6 a minute (one every 10 s).
        for (int i = 0; i < 10; i++) {
            ask.question(bridge.slug(), "How much did the repair cost?")
                    .expectStatus()
                    .isOk();
        }

        ask.question(bridge.slug(), "How much did the repair cost?")
                .expectStatus()
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader()
                .value(
                        "Retry-After",
                        retryAfter -> assertThat(Integer.parseInt(retryAfter)).isBetween(1, 11))
                .expectBody()
                .json("{\"errors\":{\"question\":[\"too many questions; try again later\"]}}");
        new Ask(web)
                .question(bridge.slug(), "How much did the repair cost?")
                .expectStatus()
                .isOk();
    }

    @Test
    void onlyPostIsAllowed() {
        web.get()
                .uri("/api/articles/{slug}/ask", bridge.slug())
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
    }

    @Test
    void answersAreCountedAndTimedByAnswererAndOutcomeOnly() {
        ask.question(bridge.slug(), "How much did the repair cost?")
                .expectStatus()
                .isOk();

        byte[] body = management()
                .get()
                .uri("/actuator/metrics/newsroom.assistant.answers")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody();

        JsonNode metric = JSON.readTree(body);
        List<String> tags = new ArrayList<>();
        metric.path("availableTags").forEach(tag -> tags.add(tag.path("tag").asString()));
        assertThat(tags).containsExactlyInAnyOrder("application", "answerer", "answered");
        assertThat(metric.path("measurements").path(0).path("value").asDouble()).isGreaterThanOrEqualTo(1);
    }
}
