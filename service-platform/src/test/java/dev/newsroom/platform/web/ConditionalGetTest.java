package dev.newsroom.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.server.WebHandler;
import reactor.core.publisher.Mono;

class ConditionalGetTest {

    /** What the handler answers to {@code /api/story}: its JSON can be changed between requests. */
    private final AtomicReference<String> story = new AtomicReference<>("{\"article\":{\"title\":\"One\"}}");

    private final WebTestClient web = WebTestClient.bindToWebHandler(handler())
            .webFilter(new ConditionalGet(Duration.ofSeconds(5)))
            .build();

    private WebHandler handler() {
        return exchange -> {
            ServerHttpResponse response = exchange.getResponse();
            String path = exchange.getRequest().getPath().value();
            switch (path) {
                case "/api/missing" -> response.setStatusCode(HttpStatus.NOT_FOUND);
                case "/api/tagged" -> response.getHeaders().setETag("\"from-the-service\"");
                default -> {}
            }
            response.getHeaders()
                    .setContentType(path.equals("/api/text") ? MediaType.TEXT_PLAIN : MediaType.APPLICATION_JSON);
            byte[] body = story.get().getBytes(StandardCharsets.UTF_8);
            return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
        };
    }

    @Test
    void anAnonymousReadIsTaggedAndSharedCachesMayKeepItForMaxAge() {
        EntityExchangeResult<String> read = get("/api/story", null, null);

        assertThat(read.getStatus().value()).isEqualTo(200);
        assertThat(read.getResponseHeaders().getETag()).startsWith("\"").endsWith("\"");
        assertThat(read.getResponseHeaders().getCacheControl()).isEqualTo("max-age=5, public");
        assertThat(read.getResponseHeaders().getVary()).containsExactly("Authorization");
        assertThat(read.getResponseBody()).isEqualTo(story.get());
    }

    @Test
    void aReadWithATokenMayBeKeptOnlyByTheClientAndRevalidatedEachTime() {
        EntityExchangeResult<String> read = get("/api/story", "Token abc", null);

        assertThat(read.getResponseHeaders().getCacheControl()).isEqualTo("no-cache, private");
        assertThat(read.getResponseHeaders().getVary()).containsExactly("Authorization");
        assertThat(read.getResponseHeaders().getETag()).isNotNull();
    }

    @Test
    void theClientsOwnTagGivesA304WithoutTheBody() {
        String etag = get("/api/story", null, null).getResponseHeaders().getETag();

        EntityExchangeResult<String> again = get("/api/story", null, etag);

        assertThat(again.getStatus().value()).isEqualTo(304);
        assertThat(again.getResponseBody()).isNull();
        assertThat(again.getResponseHeaders().getETag()).isEqualTo(etag);
        assertThat(again.getResponseHeaders().getCacheControl()).isEqualTo("max-age=5, public");
    }

    @Test
    void aWeakFormOfTheTagOrAnyTagMatchesToo() {
        String etag = get("/api/story", null, null).getResponseHeaders().getETag();

        assertThat(get("/api/story", null, "\"other\", W/" + etag).getStatus().value())
                .isEqualTo(304);
        assertThat(get("/api/story", null, "*").getStatus().value()).isEqualTo(304);
    }

    @Test
    void aChangedAnswerHasAnotherTagAndComesBackWhole() {
        String etag = get("/api/story", null, null).getResponseHeaders().getETag();
        story.set("{\"article\":{\"title\":\"Two\"}}");

        EntityExchangeResult<String> changed = get("/api/story", null, etag);

        assertThat(changed.getStatus().value()).isEqualTo(200);
        assertThat(changed.getResponseHeaders().getETag()).isNotEqualTo(etag);
        assertThat(changed.getResponseBody()).contains("Two");
    }

    @Test
    void errorsOtherTypesOtherPathsAndWritesAreLeftAlone() {
        assertThat(get("/api/missing", null, null).getResponseHeaders().getETag())
                .isNull();
        assertThat(get("/api/text", null, null).getResponseHeaders().getETag()).isNull();
        assertThat(get("/actuator/health", null, null).getResponseHeaders().getETag())
                .isNull();
        EntityExchangeResult<String> post =
                web.post().uri("/api/story").exchange().expectBody(String.class).returnResult();
        assertThat(post.getResponseHeaders().getETag()).isNull();
        assertThat(post.getResponseHeaders().getCacheControl()).isNull();
    }

    @Test
    void aTagTheServiceAlreadySetIsPassedOnUntouched() {
        EntityExchangeResult<String> read = get("/api/tagged", null, "\"from-the-service\"");

        assertThat(read.getStatus().value()).isEqualTo(200);
        assertThat(read.getResponseHeaders().getETag()).isEqualTo("\"from-the-service\"");
        assertThat(read.getResponseHeaders().getCacheControl()).isNull();
    }

    @Test
    void theTagDependsOnTheBytesOnlyNotOnHowTheBodyWasSplitIntoBuffers() {
        DefaultDataBufferFactory buffers = DefaultDataBufferFactory.sharedInstance;
        byte[] body = "{\"article\":{\"title\":\"Über die Brücke\",\"body\":\"…\"}}".getBytes(StandardCharsets.UTF_8);
        DataBuffer whole = buffers.wrap(body);
        DataBuffer split = buffers.join(List.of(
                buffers.wrap(Arrays.copyOfRange(body, 0, 7)), buffers.wrap(Arrays.copyOfRange(body, 7, body.length))));
        byte[] changed = body.clone();
        changed[changed.length - 4] ^= 1;

        String tag = ConditionalGet.etagOf(whole);

        assertThat(tag).matches("\"[A-Za-z0-9_-]{11}\"");
        assertThat(ConditionalGet.etagOf(split)).isEqualTo(tag);
        assertThat(ConditionalGet.etagOf(buffers.wrap(changed))).isNotEqualTo(tag);
        assertThat(whole.readPosition())
                .as("the body is still there to be written")
                .isZero();
    }

    private EntityExchangeResult<String> get(String path, String authorization, String ifNoneMatch) {
        return web.get()
                .uri(path)
                .headers(headers -> {
                    if (authorization != null) {
                        headers.set("Authorization", authorization);
                    }
                    if (ifNoneMatch != null) {
                        headers.set("If-None-Match", ifNoneMatch);
                    }
                })
                .exchange()
                .expectBody(String.class)
                .returnResult();
    }
}
