package dev.newsroom.user.web;

import com.nimbusds.jwt.JWTParser;
import dev.newsroom.user.UserServiceTest;
import java.text.ParseException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

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

        web.get()
                .uri("/internal/users/" + idOf(reader) + "/following")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .json("{\"ids\":[\"" + idOf(followed) + "\"]}", true);
    }

    @Test
    void someoneWhoFollowsNobodyFollowsNoIds() throws ParseException {
        Api.Registered loner = new Api(web).register("loner");

        web.get()
                .uri("/internal/users/" + idOf(loner) + "/following")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .json("{\"ids\":[]}", true);
    }

    /** The token's subject is the user's id. */
    private static String idOf(Api.Registered user) throws ParseException {
        return JWTParser.parse(user.token()).getJWTClaimsSet().getSubject();
    }
}
