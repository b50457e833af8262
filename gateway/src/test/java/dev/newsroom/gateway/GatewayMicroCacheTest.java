package dev.newsroom.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** With the micro-cache on, anonymous story reads within its TTL are answered from memory. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "newsroom.micro-cache.ttl=10s")
@AutoConfigureWebTestClient(timeout = "30s")
class GatewayMicroCacheTest {

    static final StubService USERS = new StubService("user");
    static final StubService ARTICLES = new StubService("article");
    static final AtomicInteger SHARED_READS = new AtomicInteger();
    static final AtomicInteger PRIVATE_READS = new AtomicInteger();

    @Autowired
    WebTestClient web;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("USER_SERVICE_URL", USERS::url);
        registry.add("ARTICLE_SERVICE_URL", ARTICLES::url);
        registry.add("COMMENT_SERVICE_URL", USERS::url);
        registry.add("TRENDING_SERVICE_URL", USERS::url);
        ARTICLES.on("/api/articles/shared", exchange -> answer(exchange, SHARED_READS, "max-age=5, public"));
        ARTICLES.on("/api/articles/private", exchange -> answer(exchange, PRIVATE_READS, "no-cache, private"));
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, AtomicInteger reads, String cacheControl)
            throws java.io.IOException {
        byte[] body = ("{\"article\":{\"read\":" + reads.incrementAndGet() + "}}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("ETag", "\"read-" + reads.get() + "\"");
        exchange.getResponseHeaders().add("Cache-Control", cacheControl);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @AfterAll
    static void stopStubs() {
        USERS.close();
        ARTICLES.close();
    }

    @Test
    void anAnonymousStoryReadWithinTheTtlIsTheFirstReadersAnswerFromMemory() {
        int before = SHARED_READS.get();
        EntityExchangeResult<String> first = read("/api/articles/shared", null);
        EntityExchangeResult<String> second = read("/api/articles/shared", null);

        assertThat(second.getResponseBody()).isEqualTo(first.getResponseBody());
        String etag = first.getResponseHeaders().getETag();
        assertThat(second.getResponseHeaders().getETag()).isEqualTo(etag);
        assertThat(second.getResponseHeaders().getFirst("Age")).isNotNull();
        web.get()
                .uri("/api/articles/shared")
                .header("If-None-Match", etag)
                .exchange()
                .expectStatus()
                .isNotModified();
        assertThat(SHARED_READS.get() - before)
                .as("reads that reached article-service")
                .isEqualTo(1);
    }

    @Test
    void anAnswerTheServiceMarkedPrivateIsNeverKept() {
        int before = PRIVATE_READS.get();
        read("/api/articles/private", null);
        read("/api/articles/private", null);

        assertThat(PRIVATE_READS.get() - before).isEqualTo(2);
    }

    @Test
    void aReadWithAQueryOrOfAnotherResourceAlwaysReachesTheService() {
        int before = ARTICLES.requests().size();
        read("/api/articles/shared?x=1", null);
        read("/api/articles", null);
        read("/api/articles", null);

        assertThat(ARTICLES.requests().size() - before).isEqualTo(3);
    }

    private EntityExchangeResult<String> read(String path, String authorization) {
        return web.get()
                .uri(path)
                .headers(headers -> {
                    if (authorization != null) {
                        headers.set("Authorization", authorization);
                    }
                })
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult();
    }
}
