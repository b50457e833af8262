package dev.newsroom.assistant.answer;

import dev.newsroom.assistant.article.ArticleText;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Answers one question about one article: ranks the article's passages, then answers with the LLM
 * when one is configured and with the passages themselves otherwise, or when the LLM fails, is slow
 * or its circuit breaker is open.
 *
 * <p>Nothing here stores or logs a question or an answer. What is recorded are counts and
 * latencies: the timer {@code newsroom.assistant.answers} (tags {@code answerer} = extractive|llm and {@code
 * answered}) and the counter {@code newsroom.assistant.llm.fallbacks} (tag {@code reason}). Failure log
 * lines name the kind of failure only.
 */
public final class Assistant {

    private static final Logger log = LoggerFactory.getLogger(Assistant.class);

    private final PassageRanker ranker;
    private final ExtractiveAnswerer extractive;
    private final LlmAnswerer llm;
    private final int maxPassageChars;
    private final MeterRegistry meters;

    Assistant(
            PassageRanker ranker,
            ExtractiveAnswerer extractive,
            LlmAnswerer llm,
            int maxPassageChars,
            MeterRegistry meters) {
        this.ranker = ranker;
        this.extractive = extractive;
        this.llm = llm;
        this.maxPassageChars = maxPassageChars;
        this.meters = meters;
    }

    /** The events of the answer, ending with {@link AnswerEvent.Done}; never fails. */
    public Flux<AnswerEvent> ask(ArticleText article, String question) {
        return Flux.defer(() -> {
            Timer.Sample started = Timer.start(meters);
            return Mono.fromCallable(() -> ground(article, question))
                    // Ranking is CPU work of a few milliseconds; it stays off the event loop all the same.
                    .subscribeOn(Schedulers.parallel())
                    .flatMapMany(grounding -> answer(article, grounding, question))
                    .doOnNext(event -> record(event, started));
        });
    }

    private Grounding ground(ArticleText article, String question) {
        List<Passage> passages = Passages.of(article.body(), maxPassageChars);
        PassageRanker.Ranking ranking = ranker.rank(passages, question);
        return new Grounding(passages, ranking, extractive.answer(ranking));
    }

    private Flux<AnswerEvent> answer(ArticleText article, Grounding grounding, String question) {
        if (llm == null) {
            return extractiveEvents(grounding.extractive(), true);
        }
        AtomicBoolean tokensSent = new AtomicBoolean();
        return llm.answer(article, grounding, question)
                .doOnNext(event -> {
                    if (event instanceof AnswerEvent.Token) {
                        tokensSent.set(true);
                    }
                })
                .onErrorResume(failure -> {
                    fallback(failure);
                    // Tokens already streamed are superseded by the Done answer; sending the
                    // extractive text as more tokens would only append it to them.
                    return extractiveEvents(grounding.extractive(), !tokensSent.get());
                });
    }

    private static Flux<AnswerEvent> extractiveEvents(Answer answer, boolean withText) {
        List<AnswerEvent> events = new java.util.ArrayList<>();
        answer.passages().forEach(quote -> events.add(new AnswerEvent.Quoted(quote)));
        if (withText) {
            events.add(new AnswerEvent.Token(answer.text()));
        }
        events.add(new AnswerEvent.Done(answer));
        return Flux.fromIterable(events);
    }

    private void fallback(Throwable failure) {
        String reason = reason(failure);
        Counter.builder("newsroom.assistant.llm.fallbacks")
                .description("Answers given extractively because the LLM failed, was slow or was cut off")
                .tag("reason", reason)
                .register(meters)
                .increment();
        if (failure instanceof CallNotPermittedException) {
            log.debug("LLM circuit breaker is open; answering extractively");
        } else {
            // The kind of failure only: a provider's message or body may echo the prompt.
            log.warn("LLM answer failed ({}); answering extractively", describe(failure));
        }
    }

    static String reason(Throwable failure) {
        if (failure instanceof CallNotPermittedException) {
            return "circuit-open";
        }
        if (failure instanceof TimeoutException) {
            return "timeout";
        }
        if (failure instanceof WebClientResponseException) {
            return "http-status";
        }
        return "error";
    }

    private static String describe(Throwable failure) {
        if (failure instanceof WebClientResponseException status) {
            return "HTTP " + status.getStatusCode().value();
        }
        return failure.getClass().getSimpleName();
    }

    private void record(AnswerEvent event, Timer.Sample started) {
        if (event instanceof AnswerEvent.Done done) {
            Answer answer = done.answer();
            started.stop(Timer.builder("newsroom.assistant.answers")
                    .description("Questions answered, by answerer and whether the article answered them")
                    .tag("answerer", answer.answerer().startsWith("llm:") ? "llm" : Answer.EXTRACTIVE)
                    .tag("answered", String.valueOf(answer.answered()))
                    .register(meters));
        }
    }
}
