package dev.newsroom.assistant.web;

import dev.newsroom.assistant.AssistantServiceProperties;
import dev.newsroom.assistant.answer.AnswerEvent;
import dev.newsroom.assistant.answer.Assistant;
import dev.newsroom.assistant.article.ArticleText;
import dev.newsroom.assistant.article.ArticleTexts;
import dev.newsroom.assistant.web.AskJson.AnswerBody;
import dev.newsroom.assistant.web.AskJson.AnswerEnvelope;
import dev.newsroom.assistant.web.AskJson.PassageBody;
import dev.newsroom.assistant.web.AskJson.TokenBody;
import dev.newsroom.platform.web.ApiException;
import dev.newsroom.platform.web.ClientAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/articles/{slug}/ask {"question": "…"}}: an answer from that article alone, as
 * {@code {"answer": {…}}}, or with {@code Accept: text/event-stream} as Server-Sent Events {@code
 * passage}, {@code token} and finally {@code done}. Open to anonymous readers.
 *
 * <p>The request and response bodies bypass Spring's codecs (see {@link AskJson}), responses are
 * marked {@code Cache-Control: no-store} so no proxy keeps an answer, and nothing of either is
 * logged or stored. Every check that can fail (rate limit, question, article) runs before the
 * response starts, so failures keep the RealWorld error shapes.
 */
@RestController
class AskController {

    private static final int MAX_CLIENTS = 100_000;

    private final ArticleTexts articles;
    private final Assistant assistant;
    private final JsonMapper json;
    private final AssistantServiceProperties properties;
    private final ClientRateLimit rateLimit;

    AskController(ArticleTexts articles, Assistant assistant, JsonMapper json, AssistantServiceProperties properties) {
        this.articles = articles;
        this.assistant = assistant;
        this.json = json;
        this.properties = properties;
        this.rateLimit = new ClientRateLimit(properties.rateLimit(), MAX_CLIENTS, System::nanoTime);
    }

    @PostMapping("/api/articles/{slug}/ask")
    Mono<Void> ask(@PathVariable String slug, ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        Optional<Duration> wait = rateLimit.take(ClientAddress.of(request));
        if (wait.isPresent()) {
            // Rounded up to whole seconds, so a client that waits as told is admitted.
            return Mono.error(ApiException.tooManyRequests(
                    "question",
                    "too many questions; try again later",
                    wait.get().plusMillis(999)));
        }
        boolean streaming =
                request.getHeaders().getAccept().stream().anyMatch(MediaType.TEXT_EVENT_STREAM::equalsTypeAndSubtype);
        return body(request)
                .map(bytes -> AskJson.question(json, bytes, properties.maxQuestionLength()))
                .flatMap(question -> articles.live(slug)
                        .flatMap(article -> streaming
                                ? stream(exchange.getResponse(), article, question)
                                : respond(exchange.getResponse(), article, question)));
    }

    /** The raw body, refused with a 413 past {@code maxRequestBytes} before anything parses it. */
    private Mono<byte[]> body(ServerHttpRequest request) {
        return DataBufferUtils.join(request.getBody(), properties.maxRequestBytes())
                .map(buffer -> {
                    try {
                        byte[] bytes = new byte[buffer.readableByteCount()];
                        buffer.read(bytes);
                        return bytes;
                    } finally {
                        DataBufferUtils.release(buffer);
                    }
                })
                .defaultIfEmpty(new byte[0]);
    }

    private Mono<Void> respond(ServerHttpResponse response, ArticleText article, String question) {
        return assistant
                .ask(article, question)
                .ofType(AnswerEvent.Done.class)
                .next()
                .flatMap(done -> {
                    headers(response, MediaType.APPLICATION_JSON);
                    byte[] body = json.writeValueAsBytes(new AnswerEnvelope(AnswerBody.of(done.answer())));
                    return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
                });
    }

    private Mono<Void> stream(ServerHttpResponse response, ArticleText article, String question) {
        headers(response, MediaType.TEXT_EVENT_STREAM);
        // Tells buffering reverse proxies (nginx) to pass each event on at once.
        response.getHeaders().set("X-Accel-Buffering", "no");
        Flux<Publisher<DataBuffer>> events = assistant
                .ask(article, question)
                .map(event -> Mono.just(response.bufferFactory().wrap(event(event))));
        return response.writeAndFlushWith(events);
    }

    private static void headers(ServerHttpResponse response, MediaType type) {
        response.getHeaders().setContentType(type);
        response.getHeaders().setCacheControl("no-store");
    }

    /** One Server-Sent Event; its JSON data is on one line, as JSON escapes every line break. */
    private byte[] event(AnswerEvent event) {
        String name;
        Object data;
        if (event instanceof AnswerEvent.Quoted quoted) {
            name = "passage";
            data = PassageBody.of(quoted.passage());
        } else if (event instanceof AnswerEvent.Token token) {
            name = "token";
            data = new TokenBody(token.text());
        } else {
            name = "done";
            data = new AnswerEnvelope(AnswerBody.of(((AnswerEvent.Done) event).answer()));
        }
        String frame = "event: " + name + "\ndata: " + json.writeValueAsString(data) + "\n\n";
        return frame.getBytes(StandardCharsets.UTF_8);
    }
}
