package dev.newsroom.user.web;

import dev.newsroom.user.UserServiceTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

@UserServiceTest
class InternalApiTest {

    @Autowired
    WebTestClient web;

    @Test
    void profilesOfManyUsersComeInOneCallWithFollowingForTheViewer() {
        Api api = new Api(web);
        Api.Registered viewer = api.register("viewer");
        Api.Registered followed = api.register("followed");
        Api.Registered stranger = api.register("stranger");
        String viewerId = idOf(viewer.username());
        String followedId = idOf(followed.username());
        String strangerId = idOf(stranger.username());
        web.post()
                .uri("/api/profiles/" + followed.username() + "/follow")
                .header(HttpHeaders.AUTHORIZATION, "Token " + viewer.token())
                .exchange()
                .expectStatus()
                .isOk();

        web.post()
                .uri("/internal/profiles")
                .bodyValue(Map.of("ids", List.of(followedId, strangerId, "no-such-id"), "viewerId", viewerId))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.profiles." + followedId + ".username")
                .isEqualTo(followed.username())
                .jsonPath("$.profiles." + followedId + ".following")
                .isEqualTo(true)
                .jsonPath("$.profiles." + strangerId + ".following")
                .isEqualTo(false)
                .jsonPath("$.profiles.no-such-id")
                .doesNotExist();

        web.get()
                .uri("/internal/users/" + viewerId + "/following")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .json("{\"ids\":[\"" + followedId + "\"]}");
    }

    @Test
    void anUnknownUsernameResolvesTo404() {
        web.get()
                .uri("/internal/users/by-username/nobody-here")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .json("{\"errors\":{\"profile\":[\"not found\"]}}");
    }

    private String idOf(String username) {
        Map<?, ?> body = web.get()
                .uri("/internal/users/by-username/" + username.toUpperCase())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return (String) body.get("id");
    }
}
