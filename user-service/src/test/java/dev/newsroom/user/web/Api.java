package dev.newsroom.user.web;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Drives user-service as a client does; every test gets users no other test knows. */
public final class Api {

    private static final AtomicInteger counter = new AtomicInteger();

    private final WebTestClient web;

    public Api(WebTestClient web) {
        this.web = web;
    }

    public static String uniqueName(String prefix) {
        return prefix + "_" + counter.incrementAndGet() + "_"
                + UUID.randomUUID().toString().substring(0, 6);
    }

    public record Registered(String username, String email, String password, String token) {}

    public Registered register(String prefix) {
        String username = uniqueName(prefix);
        String email = username + "@example.org";
        String password = "password-" + username;
        Map<?, ?> body = web.post()
                .uri("/api/users")
                .bodyValue(Map.of("user", Map.of("username", username, "email", email, "password", password)))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.CREATED)
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        String token = (String) ((Map<?, ?>) body.get("user")).get("token");
        return new Registered(username, email, password, token);
    }

    public String login(String email, String password) {
        Map<?, ?> body = web.post()
                .uri("/api/users/login")
                .bodyValue(Map.of("user", Map.of("email", email, "password", password)))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return (String) ((Map<?, ?>) body.get("user")).get("token");
    }
}
