package dev.newsroom.assistant.answer;

import dev.newsroom.assistant.AssistantServiceProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class AnswerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AnswerConfiguration.class);

    @Bean
    Assistant assistant(
            AssistantServiceProperties properties, WebClient.Builder webClient, JsonMapper json, MeterRegistry meters) {
        AssistantServiceProperties.Retrieval retrieval = properties.retrieval();
        LlmAnswerer llm = null;
        AssistantServiceProperties.Llm settings = properties.llm();
        if (settings.enabled()) {
            llm = new LlmAnswerer(
                    new ChatCompletions(webClient, settings, json),
                    settings,
                    circuitBreaker(settings.circuitBreaker()));
            log.info("Answering through the chat-completions model {}, extractively when it fails", settings.model());
        } else {
            log.info("No LLM configured (ASSISTANT_LLM_BASE_URL, ASSISTANT_LLM_MODEL): answering extractively");
        }
        return new Assistant(
                new PassageRanker(), new ExtractiveAnswerer(retrieval), llm, retrieval.maxPassageChars(), meters);
    }

    private static CircuitBreaker circuitBreaker(AssistantServiceProperties.CircuitBreaker settings) {
        return CircuitBreaker.of(
                "llm",
                CircuitBreakerConfig.custom()
                        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                        .slidingWindowSize(settings.slidingWindowSize())
                        .minimumNumberOfCalls(settings.minimumCalls())
                        .failureRateThreshold(settings.failureRateThreshold())
                        .waitDurationInOpenState(settings.waitInOpenState())
                        .permittedNumberOfCallsInHalfOpenState(1)
                        .build());
    }
}
