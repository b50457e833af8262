package dev.newsroom.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.UriUtils;

/**
 * Hostile values in front of stand-in services that record the raw request line they receive: each
 * value the gateway passes on arrives percent-encoded exactly once (decoding the received target once
 * gives back the client's value, and nothing in it is left for a second decoding), and every value
 * the gateway cannot use is a 4xx in the RealWorld shape.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"RATE_LIMIT_ENABLED=false"})
@AutoConfigureWebTestClient(timeout = "30s")
class GatewayHostileInputTest {

    static final StubService USERS = new StubService("user");
    static final StubService ARTICLES = new StubService("article");
    static final StubService COMMENTS = new StubService("comment");
    static final StubService TRENDING = new StubService("trending");

    @Autowired
    WebTestClient web;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("USER_SERVICE_URL", USERS::url);
        registry.add("ARTICLE_SERVICE_URL", ARTICLES::url);
        registry.add("COMMENT_SERVICE_URL", COMMENTS::url);
        registry.add("TRENDING_SERVICE_URL", TRENDING::url);
        ARTICLES.json("/api/articles", 200, "{\"articles\":[],\"articlesCount\":0}");
        ARTICLES.json("/api/articles/", 200, "{\"article\":{\"slug\":\"s\"}}");
        COMMENTS.json("/api/articles/", 200, "{\"comments\":[]}");
    }

    @AfterAll
    static void stopStubs() {
        USERS.close();
        ARTICLES.close();
        COMMENTS.close();
        TRENDING.close();
    }

    /** Values a client may mean literally; none of them is syntax once it reaches a service. */
    static Stream<String> values() {
        return Stream.of(
                "{'$gt': ''}",
                "{\"$ne\":null}",
                "{}",
                "[x]",
                ".*",
                "$where",
                "a+b",
                "c++",
                "a b",
                "100%",
                "%zz",
                "%2F",
                "a?b#c",
                "a&b=c",
                "x;y=z",
                "'\"`",
                "😀",
                "مرحبا",
                "日本語",
                " leading and trailing ",
                "x".repeat(1000));
    }

    /** Of {@link #values()}, those a path segment may hold (the firewall refuses the rest, tested below). */
    static Stream<String> segments() {
        return values().filter(value -> !value.contains("/") && !value.contains("%") && !value.contains(";"));
    }

    @ParameterizedTest
    @MethodSource("values")
    void aTagFilterArrivesEncodedOnce(String tag) {
        get("/api/articles?tag=" + strict(tag)).expectStatus().isOk();

        assertArrived(ARTICLES, "GET /api/articles?tag=" + strict(tag), tag);
    }

    @ParameterizedTest
    @MethodSource("values")
    void anAuthorNameArrivesAtArticleServiceEncodedOnce(String author) {
        get("/api/articles?author=" + strict(author)).expectStatus().isOk();

        assertArrived(ARTICLES, "GET /api/articles?author=" + strict(author), author);
    }

    @ParameterizedTest
    @MethodSource("segments")
    void aSlugArrivesEncodedOnceAtArticlesAndComments(String slug) {
        get("/api/articles/" + strict(slug)).expectStatus().isOk();
        assertArrived(ARTICLES, "GET /api/articles/" + strict(slug), slug);

        get("/api/articles/" + strict(slug) + "/comments?limit=" + strict(slug) + "&after=" + strict(slug))
                .expectStatus()
                .isOk();
        assertArrived(
                COMMENTS,
                "GET /api/articles/" + strict(slug) + "/comments?limit=" + strict(slug) + "&after=" + strict(slug),
                slug);
    }

    @ParameterizedTest
    @MethodSource("values")
    void proxiedRoutesPassTheClientsEncodingOnUnchanged(String value) {
        get("/api/trending?tag=" + strict(value)).expectStatus().isOk();
        assertThat(TRENDING.requests()).last().isEqualTo("GET /api/trending?tag=" + strict(value));
    }

    @Test
    void aRepeatedParameterIs422RatherThanJoinedWithCommas() {
        get("/api/articles?tag=a&tag=b")
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .json("{\"errors\":{\"tag\":[\"must be given at most once\"]}}", true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a%2Fb", "a%25b", "a%3Bb", "a%5Cb", "%00", "..", "a%2F..%2F..%2Fusers"})
    void aSlugThatCouldBeReadTwoWaysIs400NamingThePath(String slug) {
        get("/api/articles/" + slug)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors.path[0]")
                .isNotEmpty();
    }

    @Test
    void pathsNamingNothingAre404AndOddMethods405InTheErrorShape() {
        get("/api/pages/articles/a-story/")
                .expectStatus()
                .isNotFound()
                .expectBody()
                .json("{\"errors\":{\"path\":[\"not found\"]}}");
        web.method(HttpMethod.valueOf("TRACE"))
                .uri(URI.create(base() + "/api/articles"))
                .exchange()
                .expectStatus()
                .isEqualTo(405)
                .expectBody()
                .json("{\"errors\":{\"method\":[\"is not allowed here\"]}}", true);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/articles?tag={'$gt':''}",
                "/api/articles?tag=%zz",
                "/api/articles?tag=\"",
                "/api/articles/a\\b"
            })
    void aTargetThatIsNotAUriIs400InTheErrorShape(String target) throws IOException {
        String answer = rawExchange("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        assertThat(answer)
                .startsWith("HTTP/1.1 400")
                .contains("application/json")
                .contains("{\"errors\":{\"uri\":[\"is not a valid URI");
    }

    @Test
    void aRequestLineOrHeadersOverNettysLimitsAreRefusedInTheErrorShape() throws IOException {
        String longLine = rawExchange("GET /api/articles?tag=" + "x".repeat(5000)
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertThat(longLine).startsWith("HTTP/1.1 414").endsWith("{\"errors\":{\"uri\":[\"is too long\"]}}");

        String bigHeaders = rawExchange("GET /api/tags HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "y".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");
        assertThat(bigHeaders).startsWith("HTTP/1.1 431").endsWith("{\"errors\":{\"headers\":[\"are too large\"]}}");
    }

    @Test
    void aServiceErrorReachesAClientWhoseAcceptCannotBeParsedOrMatchedWithItsBody() {
        ARTICLES.json("/api/articles/not-yours", 403, "{\"errors\":{\"article\":[\"forbidden\"]}}");
        for (String accept : List.of("garbage", "application/xml")) {
            web.get()
                    .uri(URI.create(base() + "/api/articles/not-yours"))
                    .header("Accept", accept)
                    .exchange()
                    .expectStatus()
                    .isForbidden()
                    .expectBody()
                    .json("{\"errors\":{\"article\":[\"forbidden\"]}}", true);
        }
    }

    @Test
    void aServiceAnswerWithoutAnErrorBodyGetsOneFromItsStatus() {
        ARTICLES.json("/api/articles/bare-414", 414, "");
        get("/api/articles/bare-414")
                .expectStatus()
                .isEqualTo(414)
                .expectBody()
                .json("{\"errors\":{\"request\":[\"uri too long\"]}}", true);
    }

    private WebTestClient.ResponseSpec get(String target) {
        return web.get().uri(URI.create(base() + target)).exchange();
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private String rawExchange(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Everything but letters, digits and {@code -._~} percent-encoded: what the gateway sends on. */
    static String strict(String value) {
        return UriUtils.encode(value, StandardCharsets.UTF_8);
    }

    private static void assertArrived(StubService service, String expected, String value) {
        List<String> requests = service.requests();
        assertThat(requests).as("requests at the service").isNotEmpty();
        String arrived = requests.get(requests.size() - 1);
        assertThat(arrived).isEqualTo(expected);
        // Decoding once gives the value back: it was encoded once, not twice and not left raw.
        assertThat(URLDecoder.decode(strict(value), StandardCharsets.UTF_8)).isEqualTo(value);
        assertThat(arrived.substring(arrived.indexOf(' ') + 1)).matches("[A-Za-z0-9\\-._~%/?&=]*");
    }
}
