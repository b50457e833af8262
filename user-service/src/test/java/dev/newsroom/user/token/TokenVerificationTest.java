package dev.newsroom.user.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import dev.newsroom.user.UserServiceProperties;
import dev.newsroom.user.UserServiceTest;
import dev.newsroom.user.web.Api;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;

@UserServiceTest
class TokenVerificationTest {

    @Autowired
    WebTestClient web;

    @Autowired
    SigningKey signingKey;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    UserServiceProperties properties;

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() throws Exception {
        Api.Registered user = new Api(web).register("forged");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var pair = generator.generateKeyPair();
        SigningKey attackersKey =
                new SigningKey(signingKey.keyId(), (RSAPublicKey) pair.getPublic(), (RSAPrivateKey) pair.getPrivate());
        String forged = issuer(attackersKey, Clock.systemUTC())
                .issue(subjectOf(user.token()), user.username(), Set.of("moderator"));

        currentUser(forged)
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .json("{\"errors\":{\"token\":[\"is invalid\"]}}");
    }

    @Test
    void anExpiredTokenIsRefusedSayingSo() {
        Api.Registered user = new Api(web).register("expired");
        Clock twoHoursAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
        String expired = issuer(signingKey, twoHoursAgo).issue(subjectOf(user.token()), user.username(), Set.of());

        currentUser(expired)
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .json("{\"errors\":{\"token\":[\"has expired\"]}}");
    }

    @Test
    void anExpiredServiceTokenIsRefusedOnTheInternalSurface() {
        Api.Registered user = new Api(web).register("expired-service");
        Clock anHourAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
        String expired = issuer(signingKey, anHourAgo).issueService("gateway").value();
        String live =
                issuer(signingKey, Clock.systemUTC()).issueService("gateway").value();

        following(user, expired)
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .json("{\"errors\":{\"token\":[\"has expired\"]}}");
        following(user, live).expectStatus().isOk();
    }

    private WebTestClient.ResponseSpec following(Api.Registered user, String serviceToken) {
        return web.get()
                .uri("/internal/users/" + subjectOf(user.token()) + "/following")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + serviceToken)
                .exchange();
    }

    @Test
    void anUnsignedTokenIsRefused() {
        Api.Registered user = new Api(web).register("unsigned");
        String[] parts = user.token().split("\\.");
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes());
        currentUser(header + "." + parts[1] + ".").expectStatus().isUnauthorized();
    }

    @Test
    void theJwkSetPublishesThePublicKeyTokensNameAndNoPrivatePart() {
        Api.Registered user = new Api(web).register("jwks");
        String header = new String(Base64.getUrlDecoder().decode(user.token().split("\\.")[0]));

        web.get()
                .uri("/.well-known/jwks.json")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.keys[0].kty")
                .isEqualTo("RSA")
                .jsonPath("$.keys[0].kid")
                .isEqualTo(signingKey.keyId())
                .jsonPath("$.keys[0].d")
                .doesNotExist();
        assertThat(header).contains("\"kid\":\"" + signingKey.keyId() + "\"").contains("RS256");
    }

    @Test
    void aRestartFindsTheSameKeySoIssuedTokensStayValid() {
        SigningKey reloaded = new SigningKeyStore(new SigningKeyRepository(mongo), properties).load();

        assertThat(reloaded.keyId()).isEqualTo(signingKey.keyId());
        assertThat(reloaded.publicKey()).isEqualTo(signingKey.publicKey());
    }

    private WebTestClient.ResponseSpec currentUser(String token) {
        return web.get()
                .uri("/api/user")
                .header(HttpHeaders.AUTHORIZATION, "Token " + token)
                .exchange();
    }

    private static TokenIssuer issuer(SigningKey key, Clock clock) {
        RSAKey jwk = new RSAKey.Builder(key.publicKey())
                .privateKey(key.privateKey())
                .keyID(key.keyId())
                .build();
        return new TokenIssuer(
                new NimbusJwtEncoder(new ImmutableJWKSet<SecurityContext>(new JWKSet(jwk))),
                key.keyId(),
                Duration.ofMinutes(30),
                Duration.ofMinutes(10),
                clock);
    }

    @SuppressWarnings("unchecked")
    private static String subjectOf(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        Map<String, Object> claims =
                tools.jackson.databind.json.JsonMapper.builder().build().readValue(payload, Map.class);
        return (String) claims.get("sub");
    }
}
