package dev.newsroom.assistant.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.assistant.AssistantServiceProperties;
import dev.newsroom.assistant.SampleArticles;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The LLM answerer's own logic: prompt, citations, refusals, and what fits in the prompt. */
class LlmAnswererTest {

    @Test
    void citationsAreReadInEveryCommonSpelling() {
        assertThat(LlmAnswerer.citations("It cost 48 million [1]. Olsen leads [2, 3][1]."))
                .containsExactly(1, 2, 3);
        assertThat(LlmAnswerer.citations("No citation here, [a] or [].")).isEmpty();
        assertThat(LlmAnswerer.citations("[99999999999999999999]")).isEmpty();
    }

    @Test
    void theRefusalSentenceMeansNotAnswered() {
        assertThat(LlmAnswerer.refuses("The article does not say.")).isTrue();
        assertThat(LlmAnswerer.refuses("  \"the article does not say whether tolls apply."))
                .isTrue();
        assertThat(LlmAnswerer.refuses("")).isTrue();
        assertThat(LlmAnswerer.refuses("The repair cost 48 million euros [1].")).isFalse();
    }

    @Test
    void thePromptNumbersThePassagesByTheirIndexAndStatesTheRules() {
        List<Passage> passages = Passages.of(SampleArticles.BRIDGE, 400);

        String prompt = LlmAnswerer.instructions(SampleArticles.BRIDGE_TITLE, passages);

        assertThat(prompt)
                .contains("Article title: " + SampleArticles.BRIDGE_TITLE)
                .contains("[1] The repair cost 48 million euros")
                .contains("[4] Cyclists will get a separate lane")
                .contains("reply exactly: The article does not say.")
                .contains("Do not use outside knowledge");
    }

    @Test
    void aLongArticleSendsItsBestRankedPassagesInArticleOrder() {
        List<Passage> passages = Passages.of(SampleArticles.BRIDGE, 400);
        PassageRanker.Ranking ranking = new PassageRanker().rank(passages, "Who is the chief engineer?");
        int budget = passages.get(2).text().length() + passages.get(0).text().length();

        List<Passage> shown = answerer(budget).inPrompt(passages, ranking);

        assertThat(shown).extracting(Passage::index).containsExactly(0, 2);
        assertThat(answerer(100_000).inPrompt(passages, ranking)).isEqualTo(passages);
    }

    private static LlmAnswerer answerer(int maxArticleChars) {
        AssistantServiceProperties.Llm settings = new AssistantServiceProperties.Llm(
                "http://127.0.0.1:9",
                "/chat/completions",
                "",
                "Authorization",
                "m",
                100,
                maxArticleChars,
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                new AssistantServiceProperties.CircuitBreaker(50, 10, 5, Duration.ofSeconds(30)));
        return new LlmAnswerer(null, settings, null);
    }
}
