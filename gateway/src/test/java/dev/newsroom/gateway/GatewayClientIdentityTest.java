package dev.newsroom.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;

/**
 * What services are told about the reader, in front of stand-in services that record the headers
 * they receive: the client's address (as the gateway resolved it) and its browser, the same way on
 * composed reads and on proxied routes, whatever a client wrote into its forwarding headers.
 *
 * <p>The gateway trusts 127.0.0.2 and 10.0.0.0/8 as proxies here. Requests from 127.0.0.1 are a
 * client with nothing trusted in front; requests sent from 127.0.0.2 (a socket bound to that loopback
 * address) come through a trusted proxy.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"TRUSTED_PROXIES=127.0.0.2, 10.0.0.0/8", "RATE_LIMIT_ENABLED=false"})
class GatewayClientIdentityTest {

    static final StubService USERS = new StubService("user");
    static final StubService ARTICLES = new StubService("article");
    static final StubService COMMENTS = new StubService("comment");
    static final StubService TRENDING = new StubService("trending");

    static final String STORY = "/api/articles/who-reads-this";
    static final String PAGE = "/api/pages/articles/who-reads-this";
    static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) ReaderTest/1.0";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("USER_SERVICE_URL", USERS::url);
        registry.add("ARTICLE_SERVICE_URL", ARTICLES::url);
        registry.add("COMMENT_SERVICE_URL", COMMENTS::url);
        registry.add("TRENDING_SERVICE_URL", TRENDING::url);
        ARTICLES.json(
                STORY,
                200,
                "{\"article\":{\"slug\":\"who-reads-this\",\"title\":\"T\",\"author\":{\"username\":\"ada\","
                        + "\"bio\":null,\"image\":null,\"following\":false}}}");
        COMMENTS.json(STORY + "/comments", 200, "{\"comments\":[]}");
        TRENDING.json("/api/trending", 200, "{\"ranking\":\"popular\",\"articles\":[]}");
    }

    @AfterAll
    static void stopStubs() {
        USERS.close();
        ARTICLES.close();
        COMMENTS.close();
        TRENDING.close();
    }

    @Test
    void aComposedReadPassesTheReadersAddressAndBrowserToEveryServiceItCalls() {
        from("127.0.0.1")
                .get()
                .uri(PAGE)
                .header("User-Agent", BROWSER)
                .exchange()
                .expectStatus()
                .isOk();

        for (StubService.Received call : List.of(
                ARTICLES.last("GET " + STORY),
                COMMENTS.last("GET " + STORY + "/comments"),
                TRENDING.last("GET /api/trending"))) {
            assertThat(call.header("X-Forwarded-For")).as(call.request()).containsExactly("127.0.0.1");
            assertThat(call.header("User-Agent")).as(call.request()).containsExactly(BROWSER);
        }
    }

    @Test
    void aStoryReadTellsArticleServiceTheReader() {
        from("127.0.0.1")
                .get()
                .uri(STORY)
                .header("User-Agent", BROWSER)
                .exchange()
                .expectStatus()
                .isOk();

        StubService.Received read = ARTICLES.last("GET " + STORY);
        assertThat(read.header("X-Forwarded-For")).containsExactly("127.0.0.1");
        assertThat(read.header("User-Agent")).containsExactly(BROWSER);
    }

    @Test
    void aProxiedRouteKeepsTheBrowserAndCarriesTheSameAddressHeader() {
        from("127.0.0.1")
                .get()
                .uri("/api/tags")
                .header("User-Agent", BROWSER)
                .exchange()
                .expectStatus()
                .isOk();

        StubService.Received tags = ARTICLES.last("GET /api/tags");
        assertThat(tags.header("X-Forwarded-For")).containsExactly("127.0.0.1");
        assertThat(tags.header("User-Agent")).containsExactly(BROWSER);
    }

    @Test
    void aClientForgingForwardingHeadersWithNoTrustedProxyInFrontIsKnownByItsOwnAddress() {
        for (String path : List.of(STORY, "/api/tags", PAGE)) {
            from("127.0.0.1")
                    .get()
                    .uri(path)
                    .header("X-Forwarded-For", "203.0.113.66")
                    .header("X-Forwarded-For", "10.9.9.9")
                    .header("Forwarded", "for=203.0.113.67")
                    .exchange()
                    .expectStatus()
                    .isOk();

            StubService.Received call = ARTICLES.last("GET " + (path.equals(PAGE) ? STORY : path));
            assertThat(call.header("X-Forwarded-For")).as(path).containsExactly("127.0.0.1");
            assertThat(call.header("Forwarded")).as(path).isEmpty();
        }
    }

    @Test
    void behindATrustedProxyTheAddressTheProxySawIsPassedOnAndWhatTheClientWroteBeforeItIsNot() {
        for (String path : List.of(STORY, "/api/tags", PAGE)) {
            // The client wrote 6.6.6.6 itself; the proxy at 127.0.0.2 appended what it saw
            // (198.51.100.7), via an internal hop 10.1.2.3 that is trusted too.
            from("127.0.0.2")
                    .get()
                    .uri(path)
                    .header("X-Forwarded-For", "6.6.6.6, 198.51.100.7, 10.1.2.3")
                    .header("User-Agent", BROWSER)
                    .exchange()
                    .expectStatus()
                    .isOk();

            StubService.Received call = ARTICLES.last("GET " + (path.equals(PAGE) ? STORY : path));
            assertThat(call.header("X-Forwarded-For")).as(path).containsExactly("198.51.100.7");
            assertThat(call.header("User-Agent")).as(path).containsExactly(BROWSER);
        }
    }

    @Test
    void aTrustedProxyWithNothingToSayIsItselfTheClient() {
        from("127.0.0.2").get().uri("/api/tags").exchange().expectStatus().isOk();

        assertThat(ARTICLES.last("GET /api/tags").header("X-Forwarded-For")).containsExactly("127.0.0.2");
    }

    /** A client whose connections come from {@code address} (a loopback address of this machine). */
    private WebTestClient from(String address) {
        HttpClient client = HttpClient.create().bindAddress(() -> new InetSocketAddress(address, 0));
        return WebTestClient.bindToServer(new ReactorClientHttpConnector(client))
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }
}
