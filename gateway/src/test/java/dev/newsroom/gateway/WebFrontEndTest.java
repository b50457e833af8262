package dev.newsroom.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The web front end is static files from the {@code web} module's jar ({@code static/} on the
 * classpath), which the gateway serves itself beside the routed API: no token is needed for them,
 * and browsers get the content types ES modules require. The files' own checks are in {@code web}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class WebFrontEndTest {

    @Autowired
    WebTestClient web;

    @Test
    void theFrontEndComesFromTheWebModuleAlone() throws IOException {
        // A copy left in the gateway's own resources would shadow the web module's files.
        List<URL> pages = Collections.list(getClass().getClassLoader().getResources("static/index.html"));

        assertThat(pages)
                .singleElement()
                .asString()
                .matches(".*[/\\\\]web([/\\\\]target[/\\\\]classes|-[^/\\\\]+\\.jar!).*");
    }

    @Test
    void theRootServesTheFrontEndsPage() {
        byte[] page = web.get()
                .uri("/")
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody()
                .returnResult()
                .getResponseBody();

        assertThat(new String(page)).contains("<title>Newsroom</title>").contains("src=\"/app.js\"");
    }

    @Test
    void scriptsAreServedAsJavaScriptWithoutAToken() {
        for (String script : new String[] {"/app.js", "/js/api.js", "/js/comments.js"}) {
            web.get()
                    .uri(script)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.parseMediaType("text/javascript"));
        }
        web.get()
                .uri("/styles.css")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.parseMediaType("text/css"));
    }

    @Test
    void aForgedTokenOnAStaticFileIsStillRefused() {
        // Tokens are verified on every path; a browser never sends one for a file, so this costs nothing.
        web.get()
                .uri("/app.js")
                .header("Authorization", "Token not-a-jwt")
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }
}
