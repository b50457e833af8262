package dev.newsroom.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import dev.newsroom.assistant.Articles.TestArticle;
import dev.newsroom.infra.junit.SharedInfrastructure;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole service configured with an LLM (a local fake of the chat-completions API): the model's
 * answer streams to the client as Server-Sent Events, a failing provider still gets the reader an
 * answer, and the question goes to the configured model and nowhere else.
 */
@SharedInfrastructure
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "newsroom.assistant.llm.model=fake-model",
            "newsroom.assistant.llm.api-key=test-key",
            "newsroom.assistant.llm.first-token-timeout=3s",
            "newsroom.assistant.llm.idle-timeout=3s",
            // Failures here are one per test; the breaker itself is tested in AssistantLlmTest.
            "newsroom.assistant.llm.circuit-breaker.minimum-calls=1000",
            "newsroom.assistant.llm.circuit-breaker.sliding-window-size=1000"
        })
@AutoConfigureWebTestClient(timeout = "30s")
class LlmAskApiTest {

    static final FakeChatCompletions FAKE = new FakeChatCompletions();
    static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void llm(DynamicPropertyRegistry registry) {
        registry.add("newsroom.assistant.llm.base-url", FAKE::baseUrl);
    }

    @Autowired
    WebTestClient web;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    MongoClient mongoClient;

    Articles articles;
    TestArticle bridge;

    @BeforeEach
    void setUp() {
        FAKE.forget();
        articles = new Articles(mongo);
        bridge = articles.live(SampleArticles.BRIDGE_TITLE, SampleArticles.BRIDGE);
    }

    @AfterEach
    void tearDown() {
        articles.close();
    }

    @AfterAll
    static void stopFake() {
        FAKE.close();
    }

    @Test
    void theModelsAnswerStreamsAsTokenEventsThenItsPassagesThenDone() {
        FAKE.answer(FakeChatCompletions.tokens("Marta Olsen ", "is the chief engineer", " [2]."));

        List<String[]> events = Ask.events(new Ask(web).stream(bridge.slug(), "Who is the chief engineer?"));

        assertThat(events).extracting(event -> event[0]).containsExactly("token", "token", "token", "passage", "done");
        assertThat(events.subList(0, 3))
                .extracting(event -> JSON.readTree(event[1]).path("text").asString())
                .containsExactly("Marta Olsen ", "is the chief engineer", " [2].");
        assertThat(JSON.readTree(events.get(3)[1]).path("index").asInt()).isEqualTo(2);
        JsonNode answer = JSON.readTree(events.get(4)[1]).path("answer");
        assertThat(answer.path("answerer").asString()).isEqualTo("llm:fake-model");
        assertThat(answer.path("text").asString()).isEqualTo("Marta Olsen is the chief engineer [2].");
        assertThat(answer.path("answered").asBoolean()).isTrue();
        assertThat(FAKE.received())
                .singleElement()
                .satisfies(
                        request -> assertThat(request.header("Authorization")).isEqualTo("Bearer test-key"));
    }

    @Test
    void withoutEventStreamTheModelsWholeAnswerComesAsJson() {
        FAKE.answer(FakeChatCompletions.tokens("It cost 48 million euros", " [1]."));

        new Ask(web)
                .question(bridge.slug(), "How much did the repair cost?")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.answer.answerer")
                .isEqualTo("llm:fake-model")
                .jsonPath("$.answer.text")
                .isEqualTo("It cost 48 million euros [1].")
                .jsonPath("$.answer.passages[0].index")
                .isEqualTo(1);
    }

    @Test
    void aFailingProviderStillGetsTheReaderAnAnswer() {
        FAKE.answer(FakeChatCompletions.status(503));

        List<String[]> events = Ask.events(new Ask(web).stream(bridge.slug(), "How much did the repair cost?"));

        JsonNode answer = JSON.readTree(events.get(events.size() - 1)[1]).path("answer");
        assertThat(answer.path("answerer").asString()).isEqualTo("extractive");
        assertThat(answer.path("text").asString()).contains("48 million euros");
    }

    @Test
    void theQuestionAndTheModelsAnswerLeaveNoTraceButTheCallToTheModel() throws Exception {
        String secret = PrivacyProbe.secretWord();
        String answerSecret = PrivacyProbe.secretWord();
        String question = "What did the repair cost the regional government, " + secret + "?";
        FAKE.answer(FakeChatCompletions.tokens("48 million euros, " + answerSecret, " [1]."));
        Ask ask = new Ask(web);

        try (PrivacyProbe probe = PrivacyProbe.open()) {
            assertThat(ask.stream(bridge.slug(), question)).contains(answerSecret);
            ask.question(bridge.slug(), question)
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.answer.answerer")
                    .isEqualTo("llm:fake-model");
            FAKE.answer(FakeChatCompletions.status(500));
            ask.question(bridge.slug(), question).expectStatus().isOk();

            assertThat(probe.logLines())
                    .as("the probe sees the calls to the model")
                    .anyMatch(line -> line.contains("/v1/chat/completions"));
            probe.assertNotLogged(secret);
            probe.assertNotLogged(answerSecret);
        }
        assertThat(FAKE.received())
                .allSatisfy(request -> assertThat(request.body()).contains(secret));
        assertThat(PrivacyProbe.everyDocument(mongoClient))
                .noneMatch(document -> PrivacyProbe.containsIgnoringCase(document, secret)
                        || PrivacyProbe.containsIgnoringCase(document, answerSecret));
        assertThat(PrivacyProbe.everyRecord(System.getProperty("spring.kafka.bootstrap-servers")))
                .noneMatch(record -> PrivacyProbe.containsIgnoringCase(record, secret)
                        || PrivacyProbe.containsIgnoringCase(record, answerSecret));
    }
}
