package dev.newsroom.user.web;

import dev.newsroom.user.UserServiceTest;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Gets a service token from the service under test, as the gateway and operators do. */
public final class ServiceTokens {

    private ServiceTokens() {}

    /** The gateway's service token, from {@code POST /oauth2/token}. */
    public static String gateway(WebTestClient web) {
        Map<?, ?> body = request(web, "gateway", UserServiceTest.GATEWAY_SECRET)
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return (String) body.get("access_token");
    }

    static WebTestClient.ResponseSpec request(WebTestClient web, String clientId, String secret) {
        return web.post()
                .uri("/oauth2/token")
                .headers(headers -> headers.setBasicAuth(clientId, secret))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=client_credentials")
                .exchange();
    }
}
