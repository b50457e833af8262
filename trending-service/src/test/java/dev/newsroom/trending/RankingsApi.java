package dev.newsroom.trending;

import java.time.Duration;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads rankings through the API, waiting for a condition generously (embedded infra under load). */
public final class RankingsApi {

    public static final Duration WAIT = Duration.ofSeconds(60);

    private final WebTestClient web;

    public RankingsApi(WebTestClient web) {
        this.web = web;
    }

    public JsonNode get(String query) {
        byte[] body = web.get()
                .uri("/api/trending?" + query)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody();
        return JsonMapper.shared().readTree(body);
    }

    public JsonNode await(String query, Predicate<JsonNode> condition) {
        JsonNode[] last = new JsonNode[1];
        Awaitility.await(query)
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    last[0] = get(query);
                    return condition.test(last[0]);
                });
        return last[0];
    }

    /** The ranking's articles as "slug views/comments/favorites" lines, in rank order. */
    public static String summary(JsonNode ranking) {
        StringBuilder lines = new StringBuilder();
        for (JsonNode entry : ranking.path("articles")) {
            lines.append(entry.path("rank").asInt())
                    .append(' ')
                    .append(entry.path("slug").asString())
                    .append(' ')
                    .append(entry.path("views").asLong())
                    .append('/')
                    .append(entry.path("comments").asLong())
                    .append('/')
                    .append(entry.path("favorites").asLong())
                    .append(' ')
                    .append(entry.path("score").asDouble())
                    .append('\n');
        }
        return lines.toString();
    }
}
