package dev.newsroom.user.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.user.UserServiceTest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The moderator and editor roles: who holds them by configuration, who may grant and revoke them,
 * and that the change reaches the user's next token, which is what every other service acts on.
 */
@UserServiceTest
class RolesApiTest {

    private static final String FORBIDDEN = "{\"errors\":{\"role\":[\"is not allowed to do this\"]}}";
    private static final String TOKEN_MISSING = "{\"errors\":{\"token\":[\"is missing\"]}}";

    @Autowired
    WebTestClient web;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(web);
    }

    @Test
    void theConfiguredModeratorMayGrantTheRoleAndOthersMayNot() {
        String editorToken = editorToken();
        Api.Registered someone = api.register("someone");
        Api.Registered other = api.register("other");

        web.put()
                .uri("/api/users/" + other.username() + "/roles/moderator")
                .header(HttpHeaders.AUTHORIZATION, "Token " + someone.token())
                .exchange()
                .expectStatus()
                .isForbidden();
        web.put()
                .uri("/api/users/" + someone.username() + "/roles/moderator")
                .header(HttpHeaders.AUTHORIZATION, "Token " + editorToken)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.user.roles[0]")
                .isEqualTo("moderator");

        String promoted = api.login(someone.email(), someone.password());
        web.put()
                .uri("/api/users/" + other.username() + "/roles/moderator")
                .header(HttpHeaders.AUTHORIZATION, "Token " + promoted)
                .exchange()
                .expectStatus()
                .isOk();
        web.delete()
                .uri("/api/users/" + other.username() + "/roles/moderator")
                .header(HttpHeaders.AUTHORIZATION, "Token " + promoted)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.user.roles")
                .isEmpty();
    }

    @Test
    void theConfiguredEditorsTokenCarriesTheEditorRoleBesideTheModeratorRole() {
        assertThat(rolesOf(editorToken())).containsExactly("editor", "moderator");
        assertThat(rolesOf(api.register("plain").token())).isEmpty();
    }

    @Test
    void anEditorGrantsTheEditorRoleAndTheUsersNextTokenCarriesIt() {
        Api.Registered writer = api.register("writer");
        Api.Registered other = api.register("other");

        role(HttpMethod.PUT, writer.username(), "editor", editorToken())
                .expectStatus()
                .isOk()
                .expectBody()
                .json("{\"user\":{\"username\":\"" + writer.username() + "\",\"roles\":[\"editor\"]}}");
        String promoted = api.login(writer.email(), writer.password());
        assertThat(rolesOf(promoted)).containsExactly("editor");

        role(HttpMethod.PUT, other.username(), "editor", promoted)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.user.roles")
                .isEqualTo(List.of("editor"));
        assertThat(rolesOf(api.login(other.email(), other.password()))).containsExactly("editor");
    }

    @Test
    void revokingTheEditorRoleTakesItOutOfTheNextTokenAndItsPowersWithIt() {
        String editorToken = editorToken();
        Api.Registered former = api.register("former");
        Api.Registered other = api.register("other");
        role(HttpMethod.PUT, former.username(), "editor", editorToken)
                .expectStatus()
                .isOk();

        role(HttpMethod.DELETE, former.username(), "editor", editorToken)
                .expectStatus()
                .isOk()
                .expectBody()
                .json("{\"user\":{\"username\":\"" + former.username() + "\",\"roles\":[]}}");
        String demoted = api.login(former.email(), former.password());

        assertThat(rolesOf(demoted)).isEmpty();
        role(HttpMethod.PUT, other.username(), "editor", demoted)
                .expectStatus()
                .isForbidden()
                .expectBody()
                .json(FORBIDDEN);
    }

    @Test
    void theConfiguredEditorKeepsTheRoleWhateverIsRevoked() {
        String editorToken = editorToken();

        role(HttpMethod.DELETE, "editor", "editor", editorToken)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.user.roles")
                .isEqualTo(List.of("editor", "moderator"));
        assertThat(rolesOf(editorToken())).contains("editor");
    }

    @Test
    void onlyEditorsMayGrantOrRevokeTheEditorRoleAndAModeratorIsNoEditor() {
        Api.Registered someone = api.register("someone");
        Api.Registered target = api.register("target");
        Api.Registered moderator = api.register("moderator");
        role(HttpMethod.PUT, moderator.username(), "moderator", editorToken())
                .expectStatus()
                .isOk();
        String moderatorToken = api.login(moderator.email(), moderator.password());

        for (HttpMethod method : List.of(HttpMethod.PUT, HttpMethod.DELETE)) {
            role(method, target.username(), "editor", someone.token())
                    .expectStatus()
                    .isForbidden()
                    .expectBody()
                    .json(FORBIDDEN);
            role(method, target.username(), "editor", moderatorToken)
                    .expectStatus()
                    .isForbidden()
                    .expectBody()
                    .json(FORBIDDEN);
            web.method(method)
                    .uri("/api/users/" + target.username() + "/roles/editor")
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .expectBody()
                    .json(TOKEN_MISSING);
        }
        assertThat(rolesOf(api.login(target.email(), target.password()))).isEmpty();
    }

    @Test
    void anEditorIsNoModerator() {
        Api.Registered editor = api.register("desk");
        Api.Registered target = api.register("target");
        role(HttpMethod.PUT, editor.username(), "editor", editorToken())
                .expectStatus()
                .isOk();
        String editorOnly = api.login(editor.email(), editor.password());

        role(HttpMethod.PUT, target.username(), "moderator", editorOnly)
                .expectStatus()
                .isForbidden()
                .expectBody()
                .json(FORBIDDEN);
    }

    @Test
    void anUnknownUsernameIs404AndSoIsARoleThereIsNot() {
        String editorToken = editorToken();

        for (HttpMethod method : List.of(HttpMethod.PUT, HttpMethod.DELETE)) {
            role(method, "nobody-at-all", "editor", editorToken)
                    .expectStatus()
                    .isNotFound()
                    .expectBody()
                    .json("{\"errors\":{\"profile\":[\"not found\"]}}");
        }
        role(HttpMethod.PUT, api.register("target").username(), "admin", editorToken)
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.errors")
                .isNotEmpty();
    }

    private WebTestClient.ResponseSpec role(HttpMethod method, String username, String role, String token) {
        return web.method(method)
                .uri("/api/users/" + username + "/roles/" + role)
                .header(HttpHeaders.AUTHORIZATION, "Token " + token)
                .exchange();
    }

    /**
     * "editor" is the moderator and the editor application.yml names; the first test to need it
     * registers it.
     */
    private String editorToken() {
        String email = "editor@newsroom.test";
        int status = web.post()
                .uri("/api/users")
                .bodyValue(Map.of("user", Map.of("username", "editor", "email", email, "password", "editor-password")))
                .exchange()
                .returnResult(String.class)
                .getStatus()
                .value();
        assertThat(status).isIn(201, 409);
        return api.login(email, "editor-password");
    }

    /** The {@code roles} claim of a token, as the services verifying it read it. */
    @SuppressWarnings("unchecked")
    private static List<String> rolesOf(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        Map<String, Object> claims = JsonMapper.builder().build().readValue(payload, Map.class);
        return (List<String>) claims.get("roles");
    }
}
