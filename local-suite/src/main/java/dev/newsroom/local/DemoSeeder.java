package dev.newsroom.local;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends {@link DemoContent} through the gateway's public API, as a client would, so the demo data
 * travels the same path (and the same events) as anything a person writes. A step that fails is
 * reported and skipped; the suite is usable either way.
 */
final class DemoSeeder {

    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern SLUG = Pattern.compile("\"slug\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

    /** What seeding did: whether it wrote the demo content, and the problems it skipped. */
    record Outcome(boolean seeded, List<String> problems) {}

    private final String gateway;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<String> problems = new ArrayList<>();

    DemoSeeder(String gatewayUrl) {
        this.gateway = gatewayUrl;
    }

    /** True when the demo moderator can sign in, that is, the demo content is already there. */
    boolean alreadySeeded() {
        return signIn(DemoContent.MODERATOR) != null;
    }

    Outcome seed(DemoContent content, PrintStream console) {
        if (alreadySeeded()) {
            return new Outcome(false, List.of());
        }
        Map<String, String> tokens = new HashMap<>();
        for (DemoContent.User user : content.users()) {
            String token = register(user);
            if (token != null) {
                tokens.put(user.username(), token);
                call("PUT", "/api/user", Json.object(Map.of("user", Map.of("bio", user.bio()))), token, "bio");
            }
        }
        Map<String, String> slugs = new HashMap<>();
        for (DemoContent.Article article : content.articles()) {
            String response = call(
                    "POST",
                    "/api/articles",
                    articleJson(article),
                    tokens.get(article.author()),
                    "article " + article.key());
            String slug = first(SLUG, response);
            if (slug != null) {
                slugs.put(article.key(), slug);
            }
        }
        for (DemoContent.Follow follow : content.follows()) {
            call(
                    "POST",
                    "/api/profiles/" + follow.followed() + "/follow",
                    "{}",
                    tokens.get(follow.follower()),
                    "follow");
        }
        for (DemoContent.Favourite favourite : content.favourites()) {
            String slug = slugs.get(favourite.article());
            if (slug != null) {
                call("POST", "/api/articles/" + slug + "/favorite", "{}", tokens.get(favourite.user()), "favourite");
            }
        }
        Map<String, Long> commentIds = new HashMap<>();
        for (DemoContent.Comment comment : content.comments()) {
            String slug = slugs.get(comment.article());
            if (slug == null) {
                continue;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("body", comment.body());
            if (comment.replyTo() != null && commentIds.containsKey(comment.replyTo())) {
                body.put("parentId", commentIds.get(comment.replyTo()));
            }
            String response = call(
                    "POST",
                    "/api/articles/" + slug + "/comments",
                    Json.object(Map.of("comment", body)),
                    tokens.get(comment.author()),
                    "comment " + comment.key());
            String id = first(ID, response);
            if (id != null) {
                commentIds.put(comment.key(), Long.parseLong(id));
            }
        }
        for (DemoContent.View view : content.views()) {
            String slug = slugs.get(view.article());
            for (int i = 0; slug != null && i < view.times(); i++) {
                call("GET", "/api/articles/" + slug, null, null, "view");
            }
        }
        problems.forEach(problem -> console.println("  demo content: " + problem));
        return new Outcome(true, List.copyOf(problems));
    }

    private String register(DemoContent.User user) {
        String response = call(
                "POST",
                "/api/users",
                Json.object(Map.of(
                        "user",
                        Map.of(
                                "username", user.username(),
                                "email", user.email(),
                                "password", DemoContent.PASSWORD))),
                null,
                "user " + user.username());
        String token = first(TOKEN, response);
        return token != null ? token : signIn(user.username());
    }

    private String signIn(String username) {
        HttpResponse<String> response = send(
                "POST",
                "/api/users/login",
                Json.object(Map.of(
                        "user", Map.of("email", username + "@newsroom.example", "password", DemoContent.PASSWORD))),
                null);
        return response != null && response.statusCode() == 200 ? first(TOKEN, response.body()) : null;
    }

    static String articleJson(DemoContent.Article article) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("title", article.title());
        fields.put("description", article.description());
        fields.put("body", article.body());
        fields.put("tagList", article.tags());
        fields.put(
                "labels",
                article.labels().stream().map(name -> Map.of("name", name)).toList());
        if (article.sourceName() != null) {
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("name", article.sourceName());
            if (article.sourceUrl() != null) {
                source.put("url", article.sourceUrl());
            }
            fields.put("source", source);
        }
        return Json.object(Map.of("article", fields));
    }

    /** Sends a request; answers the body of a 2xx, or null after noting the problem. */
    private String call(String method, String path, String json, String token, String what) {
        if (json != null && token == null && !path.equals("/api/users")) {
            problems.add(what + " skipped: its author could not sign in");
            return null;
        }
        HttpResponse<String> response = send(method, path, json, token);
        if (response == null) {
            problems.add(what + ": the gateway did not answer");
            return null;
        }
        if (response.statusCode() / 100 != 2) {
            problems.add(what + ": " + response.statusCode() + " " + response.body());
            return null;
        }
        return response.body();
    }

    private HttpResponse<String> send(String method, String path, String json, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path))
                .timeout(Duration.ofSeconds(20))
                .header("Accept", "application/json")
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Token " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String first(Pattern pattern, String text) {
        if (text == null) {
            return null;
        }
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1) : null;
    }
}
