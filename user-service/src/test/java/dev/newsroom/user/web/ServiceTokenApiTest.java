package dev.newsroom.user.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import dev.newsroom.user.UserServiceTest;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Service tokens go to configured clients with the right secret, and to nobody else. */
@UserServiceTest
class ServiceTokenApiTest {

    @Autowired
    WebTestClient web;

    @Test
    void aConfiguredClientWithItsSecretGetsAShortLivedServiceToken() throws Exception {
        Map<?, ?> body = ServiceTokens.request(web, "operator", UserServiceTest.OPERATOR_SECRET)
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();

        assertThat(body.get("token_type")).isEqualTo("Bearer");
        assertThat(body.get("expires_in")).isEqualTo(600);
        assertThat(body.get("scope")).isEqualTo("internal");
        JWTClaimsSet claims = JWTParser.parse((String) body.get("access_token")).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("operator");
        assertThat(claims.getAudience()).containsExactly("newsroom-internal");
        assertThat(claims.getStringClaim("scope")).isEqualTo("internal");
        assertThat(claims.getClaim("roles")).isNull();
        assertThat(claims.getClaim("username")).isNull();
        assertThat(Duration.between(
                        new Date().toInstant(), claims.getExpirationTime().toInstant()))
                .isBetween(Duration.ofMinutes(9), Duration.ofMinutes(10));
    }

    @Test
    void aWrongSecretAnUnknownClientOrAnotherClientsSecretIs401() {
        for (String[] client : new String[][] {
            {"gateway", "not-the-secret-at-all"},
            {"gateway", UserServiceTest.OPERATOR_SECRET},
            {"stranger", UserServiceTest.GATEWAY_SECRET},
            {"gateway", ""}
        }) {
            ServiceTokens.request(web, client[0], client[1])
                    .expectStatus()
                    .isUnauthorized()
                    .expectBody()
                    .json("{\"errors\":{\"client\":[\"is unknown or its secret is wrong\"]}}", true);
        }
    }

    @Test
    void noCredentialsOrAMalformedBasicHeaderIs401() {
        for (String authorization : new String[] {null, "Basic !!!", "Basic " + base64("no-colon"), "Bearer x.y.z"}) {
            web.post()
                    .uri("/oauth2/token")
                    .headers(headers -> {
                        if (authorization != null) {
                            headers.set(HttpHeaders.AUTHORIZATION, authorization);
                        }
                    })
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .expectBody()
                    .jsonPath("$.errors.client[0]")
                    .isEqualTo("is unknown or its secret is wrong");
        }
    }

    @Test
    void anotherGrantTypeIs422() {
        web.post()
                .uri("/oauth2/token")
                .headers(headers -> headers.setBasicAuth("gateway", UserServiceTest.GATEWAY_SECRET))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=password")
                .exchange()
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .json("{\"errors\":{\"grant_type\":[\"must be client_credentials\"]}}", true);
    }

    private static String base64(String value) {
        return java.util.Base64.getEncoder().encodeToString(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
