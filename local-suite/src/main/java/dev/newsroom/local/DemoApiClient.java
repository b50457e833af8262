package dev.newsroom.local;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The demo seeding's view of the gateway: requests as one of the demo users or anonymously, and the
 * demo users' tokens (from their sign-up, else a sign-in). Safe to use from several threads.
 */
final class DemoApiClient {

    /** The body of a 2xx answer, or why there is none. */
    record Reply(String body, String failure) {}

    private final String gateway;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    DemoApiClient(String gatewayUrl) {
        this.gateway = gatewayUrl;
    }

    /** Signs a demo user up; answers whether the account exists now (made here or before). */
    boolean signUp(DemoContent.User user) {
        String response = exchange(
                        "POST",
                        "/api/users",
                        Json.object(Map.of(
                                "user",
                                Map.of(
                                        "username", user.username(),
                                        "email", user.email(),
                                        "password", DemoContent.PASSWORD))),
                        null)
                .body();
        if (Json.at(parsed(response), "user", "token") instanceof String registered) {
            tokens.put(user.username(), registered);
            return true;
        }
        // Taken: the account was made by an earlier start.
        return token(user.username()) != null;
    }

    /** A token of a demo user: the one its sign-up returned, or a fresh sign-in; null if neither works. */
    String token(String username) {
        return tokens.computeIfAbsent(username, this::signIn);
    }

    private String signIn(String username) {
        String response = exchange(
                        "POST",
                        "/api/users/login",
                        Json.object(Map.of(
                                "user",
                                Map.of("email", username + "@newsroom.example", "password", DemoContent.PASSWORD))),
                        null)
                .body();
        return Json.at(parsed(response), "user", "token") instanceof String signedIn ? signedIn : null;
    }

    Reply exchange(String method, String path, String json, String token) {
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
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                return new Reply(response.body(), null);
            }
            return new Reply(null, response.statusCode() + " " + response.body());
        } catch (IOException e) {
            return new Reply(null, "the gateway did not answer");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(null, "interrupted");
        }
    }

    /** A body that is missing or not JSON counts as no answer, not as a crash of the launcher. */
    static Object parsed(String response) {
        if (response == null) {
            return null;
        }
        try {
            return Json.parse(response);
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            return null;
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
