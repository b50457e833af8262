package dev.newsroom.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.system.ApiOperations.Operation;
import dev.newsroom.system.ApiOperations.Parameter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every operation of the gateway's OpenAPI document, read from the document, with hostile values in
 * each of its query parameters, path segments and headers (a fixed corpus, values drawn from a seed,
 * and request lines that are not valid URIs), malformed and wrongly typed JSON on each body, and
 * undocumented methods and trailing slashes on each path, through the shared running suite. No answer
 * may be a 5xx or fail to come within {@link HostileClient#TIMEOUT}; every 4xx must have the RealWorld
 * error shape; afterwards, the article and comment written before the run read back exactly as they
 * were (all but the article's favourite count, which the run's own valid favouriting may change).
 *
 * <p>Seed: {@code -Dhostile.seed=<n>} replays a run (the seed in use is printed and named in every
 * failure); {@code -Dhostile.random=<n>} sets how many random values join the corpus (15).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long SEED = Long.getLong("hostile.seed", System.currentTimeMillis());
    private static final int RANDOM = Integer.getInteger("hostile.random", 15);
    /**
     * Operations with a limit per client address of their own (questions to the assistant): every
     * request here comes from 127.0.0.1, so their 429 is expected and only its shape is checked.
     */
    private static final Set<String> LIMITED_PER_ADDRESS = Set.of("AskArticle");

    private static ApiOperations api;
    private static HostileClient client;
    private static Map<String, String> baseline;
    private static JsonNode articleBefore;
    private static JsonNode commentBefore;

    @BeforeAll
    static void writeWhatTheRunMustNotChange() {
        System.out.println("HostileInputIT seed " + SEED + " (-Dhostile.seed=" + SEED + " replays it)");
        api = ApiOperations.read(RunningSuite.home().resolve("gateway/src/main/resources/openapi/newsroom.yaml"));
        client = new HostileClient(PublicApiSuite.get().gatewayUrl());
        String[] author = client.register("hostile_author");
        Map<String, String> signed = Map.of("Authorization", "Token " + author[0]);
        RawHttp.Response article = client.send(
                "POST",
                "/api/articles",
                signed,
                "{\"article\":{\"title\":\"Hostile input " + author[1] + "\",\"description\":\"Stays as it is\","
                        + "\"body\":\"Nothing a client sends may change this.\",\"tagList\":[\"hostile\",\"input\"]}}",
                "application/json");
        assertThat(article.status()).as(article.body()).isEqualTo(201);
        String slug = JSON.readTree(article.body()).path("article").path("slug").asString();
        RawHttp.Response comment = client.send(
                "POST",
                "/api/articles/" + slug + "/comments",
                signed,
                "{\"comment\":{\"body\":\"First!\"}}",
                "application/json");
        assertThat(comment.status()).as(comment.body()).isEqualTo(201);
        String commentId =
                JSON.readTree(comment.body()).path("comment").path("id").asString();
        baseline = Map.of("slug", slug, "username", author[1], "id", commentId);
        articleBefore = article(slug);
        commentBefore = comment(slug, commentId);
    }

    @Test
    @Order(1)
    void everyParameterOfEveryOperationAnswersHostileValuesWithoutA5xx() {
        List<String> values = new ArrayList<>(HostileValues.fixed());
        values.addAll(HostileValues.random(SEED, RANDOM));
        List<String> problems = new ArrayList<>();
        int index = 0;
        for (Operation operation : api.all()) {
            int slice = index++;
            List<Parameter> parameters = new ArrayList<>(operation.parameters());
            parameters.add(new Parameter("unknown-" + SEED % 1000, "query"));
            for (Parameter parameter : parameters) {
                // Every value in every path and query parameter; the headers (one filter serves them
                // all) and the unknown parameter (ignored everywhere) get a different slice per operation.
                int every = parameter.name().startsWith("unknown-")
                        ? 7
                        : parameter.in().equals("header") ? 3 : 1;
                for (int i = slice % every; i < values.size(); i += every) {
                    String value = values.get(i);
                    RawHttp.Response answer = client.send(
                            operation.method(),
                            target(operation, parameter, encoded(value)),
                            headers(operation, parameter, value),
                            operation.body() == null ? null : "{}",
                            operation.body() == null ? null : "application/json");
                    judge(problems, operation, parameter.name() + "=" + Verdicts.printable(value), answer);
                }
                if (!parameter.in().equals("header")) {
                    for (String raw : HostileValues.raw()) {
                        judge(
                                problems,
                                operation,
                                parameter.name() + " raw " + raw,
                                client.raw(
                                        operation.method(),
                                        target(operation, parameter, raw),
                                        headers(operation, null, null)));
                    }
                }
            }
        }
        report(problems);
    }

    @Test
    @Order(2)
    void everyBodyAnswersMalformedJsonAndWrongTypesWithA4xx() {
        List<String> problems = new ArrayList<>();
        for (Operation operation : api.all()) {
            if (operation.body() == null) {
                continue;
            }
            String target = target(operation, null, null);
            for (String body : HostileValues.bodies(
                    operation.body().envelope(), operation.body().fields())) {
                RawHttp.Response answer =
                        client.send(operation.method(), target, accept(operation), body, "application/json");
                judge(problems, operation, "body " + Verdicts.printable(body), answer);
                if (answer != null && answer.status() < 400) {
                    problems.add(operation + " body " + Verdicts.printable(body) + " was accepted: " + answer.status());
                }
            }
            judge(
                    problems,
                    operation,
                    "text/plain body",
                    client.send(operation.method(), target, accept(operation), "{}", "text/plain"));
            judge(
                    problems,
                    operation,
                    "no Content-Type",
                    client.send(operation.method(), target, accept(operation), "{}", null));
        }
        report(problems);
    }

    @Test
    @Order(3)
    void oddHeadersMethodsAndTrailingSlashesAreAnsweredInTheErrorShape() {
        List<String> problems = new ArrayList<>();
        List<String> authorizations = List.of(
                "Token",
                "Bearer ",
                "Token a.b.c",
                "Basic dXNlcjpwYXNz",
                "Token " + "a".repeat(3000),
                "Bearer x y",
                "Token {'$gt':''}",
                "Token ../../etc/passwd");
        int next = 0;
        for (Operation operation : api.all()) {
            String target = target(operation, null, null);
            String body = operation.body() == null ? null : "{}";
            String type = body == null ? null : "application/json";
            String authorization = authorizations.get(next++ % authorizations.size());
            judge(
                    problems,
                    operation,
                    "Authorization " + Verdicts.printable(authorization),
                    client.send(operation.method(), target, Map.of("Authorization", authorization), body, type));
            for (String accept : List.of("application/xml", "image/png, */*;q=0", "garbage")) {
                judge(
                        problems,
                        operation,
                        "Accept " + accept,
                        client.send(operation.method(), target, Map.of("Accept", accept), body, type));
            }
        }
        for (Map.Entry<String, Set<String>> path : api.methodsByPath().entrySet()) {
            String target =
                    target(new Operation("GET", path.getKey(), "", List.of(), null, "application/json"), null, null);
            for (String method : List.of("GET", "PUT", "POST", "DELETE", "PATCH")) {
                if (!path.getValue().contains(method)) {
                    RawHttp.Response answer = client.send(method, target, Map.of(), null, null);
                    judge(problems, null, method + " " + target + " (undocumented)", answer);
                    if (answer != null && answer.status() < 400) {
                        problems.add(method + " " + target + " (undocumented) answered " + answer.status());
                    }
                }
            }
            // The API's paths only: Boot's actuator maps each endpoint with and without a trailing slash.
            if (path.getValue().contains("GET") && path.getKey().startsWith("/api/")) {
                RawHttp.Response slash = client.send("GET", target + "/", Map.of(), null, null);
                judge(problems, null, "GET " + target + "/", slash);
                if (slash != null && slash.status() != 404) {
                    problems.add("GET " + target + "/ answered " + slash.status() + ", not 404");
                }
            }
        }
        report(problems);
    }

    @Test
    @Order(4)
    void whatWasWrittenBeforeTheRunReadsBackExactly() {
        assertThat(article(baseline.get("slug"))).isEqualTo(articleBefore);
        assertThat(comment(baseline.get("slug"), baseline.get("id"))).isEqualTo(commentBefore);
    }

    private static void judge(List<String> problems, Operation operation, String what, RawHttp.Response answer) {
        boolean limited = operation != null && LIMITED_PER_ADDRESS.contains(operation.id());
        Verdicts.judge(problems, (operation == null ? "" : operation + " ") + what, answer, limited);
    }

    /**
     * The operation's path with the real slug, username and comment id in its other segments, and
     * {@code value} (already encoded, or raw on purpose) in the hostile path segment or query parameter.
     */
    private static String target(Operation operation, Parameter hostile, String value) {
        boolean inPath = hostile != null && hostile.in().equals("path");
        String marker = "\u0000hostile\u0000";
        String path = inPath ? operation.path().replace("{" + hostile.name() + "}", marker) : operation.path();
        for (Map.Entry<String, String> known : baseline.entrySet()) {
            path = path.replace("{" + known.getKey() + "}", encoded(known.getValue()));
        }
        path = path.replaceAll("\\{[^}]+}", "x");
        if (inPath) {
            return path.replace(marker, value);
        }
        return hostile != null && hostile.in().equals("query") ? path + "?" + hostile.name() + "=" + value : path;
    }

    private static Map<String, String> headers(Operation operation, Parameter hostile, String value) {
        Map<String, String> headers = new LinkedHashMap<>(accept(operation));
        if (hostile != null && hostile.in().equals("header")) {
            headers.put(hostile.name(), value);
        }
        return headers;
    }

    private static Map<String, String> accept(Operation operation) {
        return Map.of("Accept", operation.accept());
    }

    /** The article as anyone reads it, less what the run may legitimately change (favourites). */
    private static JsonNode article(String slug) {
        ObjectNode article = (ObjectNode)
                JSON.readTree(client.read("/api/articles/" + encoded(slug))).path("article");
        article.remove(List.of("favoritesCount", "favorited"));
        return article;
    }

    private static JsonNode comment(String slug, String id) {
        for (JsonNode comment : JSON.readTree(client.read("/api/articles/" + encoded(slug) + "/comments"))
                .path("comments")) {
            if (comment.path("id").asString().equals(id)) {
                return comment;
            }
        }
        throw new AssertionError("comment " + id + " is gone");
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void report(List<String> problems) {
        assertThat(problems)
                .as("seed " + SEED + ", " + client.sent() + " requests so far; first problems:\n"
                        + String.join("\n", problems.subList(0, Math.min(40, problems.size()))))
                .isEmpty();
    }
}
