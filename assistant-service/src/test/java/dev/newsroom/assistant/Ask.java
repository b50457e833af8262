package dev.newsroom.assistant;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks questions as a reader behind the gateway would: each {@code Ask} is one client address
 * ({@code X-Forwarded-For}, as the gateway sets it), so tests do not share a rate-limit bucket.
 * Bodies go out and come back as bytes: the test client's own JSON and String codecs would
 * otherwise print questions and answers into the log lines the privacy tests search.
 */
public final class Ask {

    private static final AtomicInteger clients = new AtomicInteger();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebTestClient web;
    private final String client;

    public Ask(WebTestClient web) {
        this.web = web;
        int n = clients.incrementAndGet();
        this.client = "10.1." + (n / 250) + "." + (n % 250 + 1);
    }

    public WebTestClient.ResponseSpec question(String slug, String question) {
        return body(slug, Map.of("question", question));
    }

    public WebTestClient.ResponseSpec body(String slug, Object body) {
        return web.post()
                .uri("/api/articles/{slug}/ask", slug)
                .header("X-Forwarded-For", client)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body instanceof byte[] bytes ? bytes : JSON.writeValueAsBytes(body))
                .exchange();
    }

    /** The raw Server-Sent Events of an answer, as text. */
    public String stream(String slug, String question) {
        byte[] body = web.post()
                .uri("/api/articles/{slug}/ask", slug)
                .header("X-Forwarded-For", client)
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .bodyValue(JSON.writeValueAsBytes(Map.of("question", question)))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The (event name, data) pairs of a Server-Sent Events stream. */
    public static List<String[]> events(String stream) {
        List<String[]> events = new ArrayList<>();
        for (String frame : stream.split("\n\n")) {
            String name = null;
            String data = null;
            for (String line : frame.split("\n")) {
                if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data = line.substring(5).strip();
                }
            }
            if (name != null) {
                events.add(new String[] {name, data});
            }
        }
        return events;
    }
}
