package dev.newsroom.assistant;

import dev.newsroom.platform.projection.ProjectionLookup;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * assistant-service's own settings ({@code newsroom.assistant.*} in application.yml).
 *
 * @param maxQuestionLength the longest question accepted, in characters (code points)
 * @param maxRequestBytes the largest request body read at all; a larger one is a 413 before it is
 *     parsed
 * @param rateLimit how many questions one client may ask
 * @param retrieval how passages are cut and when the extractive answer says the article does not
 *     answer the question
 * @param articleLookup how a question waits for an article the projection has not seen yet
 * @param llm the optional chat-completions answerer
 */
@ConfigurationProperties("newsroom.assistant")
public record AssistantServiceProperties(
        @DefaultValue("500") int maxQuestionLength,
        @DefaultValue("16384") int maxRequestBytes,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue Retrieval retrieval,
        @DefaultValue ProjectionLookup articleLookup,
        @DefaultValue Llm llm) {

    public AssistantServiceProperties {
        if (maxQuestionLength < 1) {
            throw new IllegalArgumentException("newsroom.assistant.max-question-length must be at least 1");
        }
        if (maxRequestBytes < 4 * maxQuestionLength + 64) {
            throw new IllegalArgumentException(
                    "newsroom.assistant.max-request-bytes must leave room for a question of the longest length");
        }
    }

    /**
     * A token bucket per client address: {@code burst} questions at once, refilled at {@code
     * perMinute}.
     */
    public record RateLimit(
            @DefaultValue("20") int perMinute,
            @DefaultValue("5") int burst) {

        public RateLimit {
            if (perMinute < 1 || burst < 1) {
                throw new IllegalArgumentException(
                        "newsroom.assistant.rate-limit.per-minute and .burst must be at least 1");
            }
        }
    }

    /**
     * @param maxPassageChars passages are whole sentences of one paragraph, up to about this many
     *     characters (a single longer sentence stays whole)
     * @param maxPassages the most passages an extractive answer quotes
     * @param minCoverage the share of the question's content (its analysed terms, each weighted by
     *     how rare it is in the article) the best passage must contain for the question to count as
     *     answered
     * @param minRelativeScore the share of the best BM25 score the question allows that the best
     *     passage must reach as well (see {@code PassageRanker}): this is what tells a passage that
     *     mentions the question's terms in passing from one about them
     * @param supportingShare a passage after the best is quoted too when its score is at least this
     *     share of the best score (and it meets the coverage rule itself)
     */
    public record Retrieval(
            @DefaultValue("400") int maxPassageChars,
            @DefaultValue("2") int maxPassages,
            @DefaultValue("0.5") double minCoverage,
            @DefaultValue("0.2") double minRelativeScore,
            @DefaultValue("0.6") double supportingShare) {

        public Retrieval {
            if (maxPassageChars < 40) {
                throw new IllegalArgumentException(
                        "newsroom.assistant.retrieval.max-passage-chars must be at least 40");
            }
            if (maxPassages < 1) {
                throw new IllegalArgumentException("newsroom.assistant.retrieval.max-passages must be at least 1");
            }
            if (minCoverage <= 0 || minCoverage > 1 || supportingShare <= 0 || supportingShare > 1) {
                throw new IllegalArgumentException(
                        "newsroom.assistant.retrieval.min-coverage and .supporting-share must be in (0, 1]");
            }
            if (minRelativeScore < 0 || minRelativeScore >= 1) {
                throw new IllegalArgumentException("newsroom.assistant.retrieval.min-relative-score must be in [0, 1)");
            }
        }
    }

    /**
     * Any OpenAI-compatible chat-completions endpoint. Without a base URL and model the LLM is off
     * and every answer is extractive.
     *
     * @param baseUrl e.g. {@code https://api.openai.com/v1}, an Azure deployment's {@code
     *     https://<resource>.openai.azure.com/openai/deployments/<deployment>}, or a self-hosted
     *     server's {@code http://127.0.0.1:8000/v1}
     * @param chatPath appended to the base URL; Azure needs its {@code api-version} here
     * @param apiKey sent as {@code Authorization: Bearer <key>}, or in {@code apiKeyHeader}; empty
     *     sends none (a local server)
     * @param apiKeyHeader {@code Authorization} (Bearer) or a header that carries the bare key, such
     *     as Azure's {@code api-key}
     * @param model the model (or Azure deployment) name, also reported as {@code llm:<model>}
     * @param maxTokens caps the length, and so the cost and duration, of one answer
     * @param maxArticleChars how much of the article goes into the prompt; a longer article sends
     *     its passages that rank best for the question, in article order
     * @param connectTimeout how long to wait for a connection
     * @param firstTokenTimeout how long to wait for the first token before answering extractively
     * @param idleTimeout how long to wait for each next token before answering extractively
     * @param circuitBreaker when to stop calling a failing provider for a while
     */
    public record Llm(
            @DefaultValue("") String baseUrl,
            @DefaultValue("/chat/completions") String chatPath,
            @DefaultValue("") String apiKey,
            @DefaultValue("Authorization") String apiKeyHeader,
            @DefaultValue("") String model,
            @DefaultValue("400") int maxTokens,
            @DefaultValue("12000") int maxArticleChars,
            @DefaultValue("2s") Duration connectTimeout,
            @DefaultValue("8s") Duration firstTokenTimeout,
            @DefaultValue("5s") Duration idleTimeout,
            @DefaultValue CircuitBreaker circuitBreaker) {

        public boolean enabled() {
            return !baseUrl.isBlank() && !model.isBlank();
        }
    }

    /**
     * @param failureRateThreshold the failure percentage over the window that opens the breaker
     * @param slidingWindowSize how many recent calls the rate is computed over
     * @param minimumCalls how many calls the window needs before the rate counts
     * @param waitInOpenState how long the breaker stays open before one trial call
     */
    public record CircuitBreaker(
            @DefaultValue("50") float failureRateThreshold,
            @DefaultValue("10") int slidingWindowSize,
            @DefaultValue("5") int minimumCalls,
            @DefaultValue("30s") Duration waitInOpenState) {}
}
