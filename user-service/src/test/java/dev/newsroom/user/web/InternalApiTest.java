package dev.newsroom.user.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTParser;
import dev.newsroom.platform.security.TestTokens;
import dev.newsroom.user.UserServiceTest;
import java.text.ParseException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What the gateway asks user-service itself, and that only a service token may ask it: network
 * position is not a credential.
 */
@UserServiceTest
class InternalApiTest {

    @Autowired
    WebTestClient web;

    @Test
    void theGatewayLearnsWhomAReaderFollowsTheMomentTheyFollow() throws ParseException {
        Api api = new Api(web);
        Api.Registered reader = api.register("reader");
        Api.Registered followed = api.register("followed");
        api.register("stranger");
        web.post()
                .uri("/api/profiles/" + followed.username() + "/follow")
                .header(HttpHeaders.AUTHORIZATION, "Token " + reader.token())
                .exchange()
                .expectStatus()
                .isOk();

        following(reader, "Bearer " + ServiceTokens.gateway(web))
                .expectStatus()
                .isOk()
                .expectBody()
                .json("{\"ids\":[\"" + idOf(followed) + "\"]}", true);
    }

    @Test
    void someoneWhoFollowsNobodyFollowsNoIds() throws ParseException {
        Api.Registered loner = new Api(web).register("loner");

        following(loner, "Token " + ServiceTokens.gateway(web))
                .expectStatus()
                .isOk()
                .expectBody()
                .json("{\"ids\":[]}", true);
    }

    @Test
    void withoutATokenTheInternalSurfaceIs401() throws ParseException {
        Api.Registered reader = new Api(web).register("reader");

        following(reader, null)
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .json("{\"errors\":{\"token\":[\"is missing\"]}}", true);
    }

    @Test
    void aUsersTokenEvenAnEditorsAndModeratorsIsRefusedOnTheInternalSurface() throws ParseException {
        Api api = new Api(web);
        Api.Registered reader = api.register("reader");
        String editorAndModerator = editorToken(api);

        for (String token : new String[] {reader.token(), editorAndModerator}) {
            following(reader, "Token " + token)
                    .expectStatus()
                    .isUnauthorized()
                    .expectBody()
                    .json("{\"errors\":{\"token\":[\"is invalid\"]}}", true);
        }
    }

    @Test
    void aServiceTokenSignedWithAnotherKeyIsRefused() throws ParseException {
        Api.Registered reader = new Api(web).register("reader");

        following(reader, "Bearer " + TestTokens.forgedService())
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.errors.token[0]")
                .isEqualTo("is invalid");
    }

    @Test
    void aServiceTokenIsNeverAcceptedAsAUser() {
        web.get()
                .uri("/api/user")
                .header(HttpHeaders.AUTHORIZATION, "Token " + ServiceTokens.gateway(web))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.errors.token[0]")
                .isEqualTo("is invalid");
    }

    private WebTestClient.ResponseSpec following(Api.Registered user, String authorization) throws ParseException {
        return web.get()
                .uri("/internal/users/" + idOf(user) + "/following")
                .headers(headers -> {
                    if (authorization != null) {
                        headers.set(HttpHeaders.AUTHORIZATION, authorization);
                    }
                })
                .exchange();
    }

    /** The configured editor (and moderator) of the suite: registered once, signed in each time. */
    private String editorToken(Api api) {
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

    /** The token's subject is the user's id. */
    private static String idOf(Api.Registered user) throws ParseException {
        return JWTParser.parse(user.token()).getJWTClaimsSet().getSubject();
    }
}
