package dev.newsroom.assistant.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.assistant.AssistantServiceProperties;
import dev.newsroom.assistant.FakeChatCompletions;
import dev.newsroom.assistant.SampleArticles;
import dev.newsroom.assistant.article.ArticleText;
import dev.newsroom.platform.projection.ProjectionLookup;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The LLM path against a local fake of the chat-completions API: streaming, the grounded prompt,
 * provider errors, timeouts, the circuit breaker, and the extractive fallback. Built as the
 * service's configuration builds it, without Spring.
 */
class AssistantLlmTest {

    static final FakeChatCompletions FAKE = new FakeChatCompletions();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final ArticleText BRIDGE = new ArticleText(
            "a1",
            "harbour-bridge",
            SampleArticles.BRIDGE_TITLE,
            SampleArticles.BRIDGE,
            false,
            Instant.parse("2026-11-26T09:00:00Z"),
            "e1");
    static final String QUESTION = "How much did the repair cost?";

    SimpleMeterRegistry meters;

    @BeforeEach
    void setUp() {
        FAKE.forget();
        meters = new SimpleMeterRegistry();
    }

    @AfterAll
    static void stopFake() {
        FAKE.close();
    }

    @Test
    void theModelsTokensStreamThenTheCitedPassagesThenTheAnswer() {
        FAKE.answer(FakeChatCompletions.tokens("The repair cost ", "48 million euros", " [1]."));

        List<AnswerEvent> events = ask(assistant(settings()), QUESTION);

        assertThat(events)
                .filteredOn(AnswerEvent.Token.class::isInstance)
                .extracting(event -> ((AnswerEvent.Token) event).text())
                .containsExactly("The repair cost ", "48 million euros", " [1].");
        assertThat(events)
                .filteredOn(AnswerEvent.Quoted.class::isInstance)
                .extracting(event -> ((AnswerEvent.Quoted) event).passage().index())
                .containsExactly(1);
        Answer answer = done(events);
        assertThat(answer.text()).isEqualTo("The repair cost 48 million euros [1].");
        assertThat(answer.answered()).isTrue();
        assertThat(answer.answerer()).isEqualTo("llm:fake-model");
        assertThat(answer.passages()).singleElement().satisfies(quote -> {
            assertThat(quote.text()).startsWith("The repair cost 48 million euros");
            assertThat(quote.score()).isPositive();
        });
        assertThat(meters.get("newsroom.assistant.answers")
                        .tag("answerer", "llm")
                        .tag("answered", "true")
                        .timer()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void thePromptIsTheArticleWithTheRulesAndTheQuestionIsTheUserMessageAlone() {
        FAKE.answer(FakeChatCompletions.tokens("48 million euros [1]"));

        ask(assistant(settings()), QUESTION);

        FakeChatCompletions.Received request = FAKE.received().get(0);
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.header("Authorization")).isEqualTo("Bearer test-key");
        assertThat(request.header("Accept")).isEqualTo("text/event-stream");
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.path("model").asString()).isEqualTo("fake-model");
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("messages").path(0).path("role").asString()).isEqualTo("system");
        assertThat(body.path("messages").path(0).path("content").asString())
                .contains("using only the article's passages")
                .contains("[1] The repair cost 48 million euros")
                .contains("[4] Cyclists will get a separate lane")
                .doesNotContain(QUESTION);
        assertThat(body.path("messages").path(1).path("role").asString()).isEqualTo("user");
        assertThat(body.path("messages").path(1).path("content").asString()).isEqualTo(QUESTION);
    }

    @Test
    void azureStyleKeysGoInTheirOwnHeaderAndAzuresPathKeepsItsApiVersion() {
        FAKE.answer(FakeChatCompletions.tokens("48 million euros [1]"));
        AssistantServiceProperties.Llm azure = new AssistantServiceProperties.Llm(
                FAKE.baseUrl() + "/openai/deployments/newsroom",
                "/chat/completions?api-version=2024-10-21",
                "azure-key",
                "api-key",
                "newsroom",
                400,
                12000,
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                breaker(10, 5));

        assertThat(done(ask(assistant(azure), QUESTION)).answerer()).isEqualTo("llm:newsroom");

        FakeChatCompletions.Received request = FAKE.received().get(0);
        assertThat(request.path()).isEqualTo("/v1/openai/deployments/newsroom/chat/completions?api-version=2024-10-21");
        assertThat(request.header("api-key")).isEqualTo("azure-key");
        assertThat(request.header("Authorization")).isNull();
    }

    @Test
    void aRefusalIsNotAnsweredAndQuotesNothing() {
        FAKE.answer(FakeChatCompletions.tokens("The article ", "does not say."));

        List<AnswerEvent> events = ask(assistant(settings()), "Will drivers pay a toll?");

        Answer answer = done(events);
        assertThat(answer.answered()).isFalse();
        assertThat(answer.text()).isEqualTo("The article does not say.");
        assertThat(answer.passages()).isEmpty();
        assertThat(events).noneMatch(AnswerEvent.Quoted.class::isInstance);
    }

    @Test
    void anAnswerWithoutCitationsReliesOnTheExtractivePassages() {
        FAKE.answer(FakeChatCompletions.tokens("It cost 48 million euros."));

        Answer answer = done(ask(assistant(settings()), QUESTION));

        assertThat(answer.answerer()).isEqualTo("llm:fake-model");
        assertThat(answer.passages()).extracting(Answer.Quote::index).containsExactly(1);
    }

    @Test
    void aProviderErrorIsAnsweredExtractively() {
        FAKE.answer(FakeChatCompletions.status(500));

        List<AnswerEvent> events = ask(assistant(settings()), QUESTION);

        Answer answer = done(events);
        assertThat(answer.answerer()).isEqualTo("extractive");
        assertThat(answer.answered()).isTrue();
        assertThat(answer.text()).contains("48 million euros");
        assertThat(events).filteredOn(AnswerEvent.Token.class::isInstance).hasSize(1);
        assertThat(fallbacks("http-status")).isEqualTo(1);
        assertThat(meters.get("newsroom.assistant.answers")
                        .tag("answerer", "extractive")
                        .timer()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void rateLimitedAndUnauthorisedProvidersAreFallenBackFromToo() {
        Assistant assistant = assistant(settings());
        for (int status : new int[] {401, 429, 503}) {
            FAKE.answer(FakeChatCompletions.status(status));

            assertThat(done(ask(assistant, QUESTION)).answerer())
                    .as("HTTP %d", status)
                    .isEqualTo("extractive");
        }
    }

    @Test
    void aSlowFirstTokenIsAnsweredExtractivelyWithoutWaitingForIt() {
        FAKE.answer(FakeChatCompletions.streaming(Duration.ofSeconds(5), Duration.ZERO, "too late"));
        Instant start = Instant.now();

        Answer answer = done(ask(assistant(settings()), QUESTION));

        assertThat(answer.answerer()).isEqualTo("extractive");
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(4));
        assertThat(fallbacks("timeout")).isEqualTo(1);
    }

    @Test
    void aStreamThatStallsHalfWayEndsWithTheExtractiveAnswerWithoutAppendingItToTheTokens() {
        FAKE.answer(FakeChatCompletions.stallAfter(Duration.ofSeconds(5), "The repair ", "cost"));

        List<AnswerEvent> events = ask(assistant(settings()), QUESTION);

        assertThat(events)
                .filteredOn(AnswerEvent.Token.class::isInstance)
                .extracting(event -> ((AnswerEvent.Token) event).text())
                .containsExactly("The repair ", "cost");
        Answer answer = done(events);
        assertThat(answer.answerer()).isEqualTo("extractive");
        assertThat(answer.text()).contains("48 million euros");
        assertThat(fallbacks("timeout")).isEqualTo(1);
    }

    @Test
    void anErrorReportedInsideTheStreamIsAnsweredExtractively() {
        FAKE.answer(FakeChatCompletions.errorAfter("The repair"));

        assertThat(done(ask(assistant(settings()), QUESTION)).answerer()).isEqualTo("extractive");
        assertThat(fallbacks("error")).isEqualTo(1);
    }

    @Test
    void aStreamWithoutTextIsAFailureNotAnEmptyAnswer() {
        FAKE.answer(FakeChatCompletions.tokens());

        assertThat(done(ask(assistant(settings()), QUESTION)).answerer()).isEqualTo("extractive");
    }

    @Test
    void anUnreachableProviderIsAnsweredExtractively() {
        AssistantServiceProperties.Llm nobody = new AssistantServiceProperties.Llm(
                "http://127.0.0.1:" + closedPort() + "/v1",
                "/chat/completions",
                "",
                "Authorization",
                "fake-model",
                400,
                12000,
                Duration.ofSeconds(1),
                Duration.ofSeconds(2),
                Duration.ofSeconds(2),
                breaker(10, 5));

        Answer answer = done(ask(assistant(nobody), QUESTION));

        assertThat(answer.answerer()).isEqualTo("extractive");
        assertThat(answer.answered()).isTrue();
    }

    @Test
    void repeatedFailuresOpenTheCircuitAndTheProviderIsNotCalledWhileItIsOpen() {
        FAKE.answer(FakeChatCompletions.status(500));
        Assistant assistant = assistant(settings());

        ask(assistant, QUESTION);
        ask(assistant, QUESTION);
        assertThat(FAKE.received()).hasSize(2);

        FAKE.answer(FakeChatCompletions.tokens("48 million euros [1]"));
        Answer whileOpen = done(ask(assistant, QUESTION));

        assertThat(whileOpen.answerer()).isEqualTo("extractive");
        assertThat(FAKE.received()).as("no call while the circuit is open").hasSize(2);
        assertThat(fallbacks("circuit-open")).isEqualTo(1);
    }

    @Test
    void withoutAnLlmEveryAnswerIsExtractive() {
        AssistantServiceProperties.Llm off = new AssistantServiceProperties.Llm(
                "",
                "/chat/completions",
                "",
                "Authorization",
                "",
                400,
                12000,
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                breaker(10, 5));

        List<AnswerEvent> events = ask(assistant(off), QUESTION);

        assertThat(events).first().isInstanceOf(AnswerEvent.Quoted.class);
        assertThat(done(events).answerer()).isEqualTo("extractive");
        assertThat(FAKE.received()).isEmpty();
    }

    private Assistant assistant(AssistantServiceProperties.Llm llm) {
        AssistantServiceProperties properties = new AssistantServiceProperties(
                500,
                16384,
                new AssistantServiceProperties.RateLimit(20, 5),
                ExtractiveAnswererTest.DEFAULTS,
                new ProjectionLookup(Duration.ofSeconds(2), Duration.ofMillis(100)),
                llm);
        return new AnswerConfiguration().assistant(properties, WebClient.builder(), JSON, meters);
    }

    private static AssistantServiceProperties.Llm settings() {
        return new AssistantServiceProperties.Llm(
                FAKE.baseUrl(),
                "/chat/completions",
                "test-key",
                "Authorization",
                "fake-model",
                400,
                12000,
                Duration.ofSeconds(2),
                Duration.ofMillis(1500),
                Duration.ofMillis(1500),
                // Opens after two failures in a row: the circuit test relies on it, the others fail at most once.
                breaker(4, 2));
    }

    private static AssistantServiceProperties.CircuitBreaker breaker(int window, int minimumCalls) {
        return new AssistantServiceProperties.CircuitBreaker(50, window, minimumCalls, Duration.ofMinutes(5));
    }

    private static List<AnswerEvent> ask(Assistant assistant, String question) {
        List<AnswerEvent> events = assistant.ask(BRIDGE, question).collectList().block(Duration.ofSeconds(15));
        assertThat(events).isNotEmpty().last().isInstanceOf(AnswerEvent.Done.class);
        return events;
    }

    private static Answer done(List<AnswerEvent> events) {
        return ((AnswerEvent.Done) events.get(events.size() - 1)).answer();
    }

    private double fallbacks(String reason) {
        var counter = meters.find("newsroom.assistant.llm.fallbacks")
                .tag("reason", reason)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
