package dev.newsroom.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A RealWorld client of the gateway for the conformance tests: it sends requests as a Conduit
 * front end would, makes its own users and articles (names unique per run, so the shared suite's
 * other classes are never disturbed), and checks every answer against the document's schema for
 * the status it came with.
 */
final class ConformanceClient {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String PASSWORD = "correct-horse-battery";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String RUN =
            UUID.randomUUID().toString().replace("-", "").substring(0, 6);
    private static final AtomicInteger NAMES = new AtomicInteger();

    private final String gateway;
    private final RealWorldDocument document;

    ConformanceClient(String gateway, RealWorldDocument document) {
        this.gateway = gateway;
        this.document = document;
    }

    record User(String username, String email, String token) {
        String auth() {
            return "Token " + token;
        }
    }

    record Answer(int status, String body) {
        JsonNode json() {
            return body.isEmpty() ? null : JSON.readTree(body);
        }

        JsonNode path(String... names) {
            JsonNode node = json();
            for (String name : names) {
                node = node.path(name);
            }
            return node;
        }
    }

    static String unique(String prefix) {
        return prefix + "_" + RUN + "_" + NAMES.incrementAndGet();
    }

    Answer send(String method, String path, String body, String authorization) throws Exception {
        HttpResponse<String> response =
                HTTP.send(request(gateway, method, path, body, authorization), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    /** A JSON request to the gateway, signed with {@code authorization} when it is not null. */
    static HttpRequest request(String gateway, String method, String path, String body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.build();
    }

    /**
     * Asserts that {@code answer} has {@code status} and that its body is what the document says
     * that operation answers with that status (no body for 204).
     */
    Answer expect(String operationId, int status, Answer answer) {
        assertThat(answer.status()).as("%s: %s", operationId, answer.body()).isEqualTo(status);
        assertThat(document.problems(operationId, status, answer.json()))
                .as("%s %d against the document: %s", operationId, status, answer.body())
                .isEmpty();
        return answer;
    }

    /** As {@link #expect}, and the RealWorld error body names exactly {@code field} with {@code message}. */
    Answer expectError(String operationId, int status, Answer answer, String field, String message) {
        expect(operationId, status, answer);
        assertThat(answer.path("errors").propertyNames())
                .as("error fields of %s", answer.body())
                .contains(field);
        if (message != null) {
            assertThat(answer.path("errors", field).get(0).asString())
                    .as(answer.body())
                    .isEqualTo(message);
        }
        return answer;
    }

    User register(String prefix) throws Exception {
        String username = unique(prefix);
        String email = username + "@example.org";
        Answer answer =
                expect("CreateUser", 201, send("POST", "/api/users", userJson(username, email, PASSWORD), null));
        return new User(username, email, answer.path("user", "token").asString());
    }

    String createArticle(User author, String title, String... tags) throws Exception {
        ObjectNode article = articleFields(title);
        var tagList = article.putArray("tagList");
        for (String tag : tags) {
            tagList.add(tag);
        }
        Answer answer =
                expect("CreateArticle", 201, send("POST", "/api/articles", wrap("article", article), author.auth()));
        return answer.path("article", "slug").asString();
    }

    /** Posts a comment once comment-service has heard of the article (its projection follows events). */
    long comment(User author, String slug, String text) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        Answer answer = send("POST", commentsOf(slug), commentJson(text), author.auth());
        while (answer.status() == 404 && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            answer = send("POST", commentsOf(slug), commentJson(text), author.auth());
        }
        expect("CreateArticleComment", 201, answer);
        return answer.path("comment", "id").asLong();
    }

    static String commentsOf(String slug) {
        return "/api/articles/" + slug + "/comments";
    }

    static ObjectNode articleFields(String title) {
        return JSON.createObjectNode()
                .put("title", title)
                .put("description", "About " + title)
                .put("body", "The text of " + title);
    }

    static String wrap(String wrapper, JsonNode inner) {
        ObjectNode body = JSON.createObjectNode();
        body.set(wrapper, inner);
        return body.toString();
    }

    static String userJson(String username, String email, String password) {
        return wrap(
                "user",
                JSON.createObjectNode()
                        .put("username", username)
                        .put("email", email)
                        .put("password", password));
    }

    static String loginJson(String email, String password) {
        return wrap("user", JSON.createObjectNode().put("email", email).put("password", password));
    }

    static String commentJson(String text) {
        return wrap("comment", JSON.createObjectNode().put("body", text));
    }
}
