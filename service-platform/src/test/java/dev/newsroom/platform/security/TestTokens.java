package dev.newsroom.platform.security;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * For the services' tests (shipped in service-platform's test jar): tokens as user-service signs
 * them (RS256, subject = user id, {@code username} and {@code roles} claims, issuer {@code
 * newsroom}), from a key pair made for this test JVM, and service tokens as it signs them for the
 * gateway and operators ({@link #service()}). Import {@link Verification} so the service verifies
 * them with that key instead of fetching user-service's JWK set.
 */
public final class TestTokens {

    private static final KeyPair KEYS = generate();
    private static final String KEY_ID = "test-key";
    private static final NimbusJwtEncoder ENCODER = encoder(KEYS);
    /** Another key pair under the same key id: what a forger who knows the format but not the key signs with. */
    private static final NimbusJwtEncoder FORGER = encoder(generate());

    private TestTokens() {}

    /** A user with a fresh id and a valid token. */
    public record User(String id, String username, String token) {
        public String authorization() {
            return "Token " + token;
        }
    }

    public static User newUser() {
        String id = UUID.randomUUID().toString();
        return new User(id, "user-" + id.substring(0, 8), issue(id, "user-" + id.substring(0, 8)));
    }

    public static User newUser(String username) {
        String id = UUID.randomUUID().toString();
        return new User(id, username, issue(id, username));
    }

    public static User moderator() {
        String id = UUID.randomUUID().toString();
        return new User(id, "moderator-" + id.substring(0, 8), issue(id, "moderator", CurrentUser.MODERATOR));
    }

    public static User editor() {
        String id = UUID.randomUUID().toString();
        String username = "editor-" + id.substring(0, 8);
        return new User(id, username, issue(id, username, CurrentUser.EDITOR));
    }

    public static String issue(String userId, String username, String... roles) {
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(NewsroomClaims.ISSUER)
                .subject(userId)
                .issuedAt(now)
                .expiresAt(now.plusSeconds(3600))
                .claim(NewsroomClaims.USERNAME, username)
                .claim(NewsroomClaims.ROLES, List.of(roles))
                .build();
        JwsHeader header =
                JwsHeader.with(SignatureAlgorithm.RS256).keyId(KEY_ID).build();
        return ENCODER.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    /**
     * A service token as user-service issues it to the gateway ({@code POST /oauth2/token}): subject
     * {@code gateway}, audience {@value NewsroomClaims#INTERNAL_AUDIENCE}, scope {@value
     * NewsroomClaims#INTERNAL}, ten minutes.
     */
    public static String service() {
        return service("gateway", NewsroomClaims.INTERNAL_AUDIENCE, NewsroomClaims.INTERNAL, Duration.ofMinutes(10));
    }

    /** {@code Bearer} and a {@link #service()} token, for an {@code Authorization} header. */
    public static String serviceAuthorization() {
        return "Bearer " + service();
    }

    /**
     * A token shaped like a service token, with what a test wants wrong: another audience or scope
     * (null: none), or a lifetime already over (negative).
     */
    public static String service(String clientId, String audience, String scope, Duration lifetime) {
        return ENCODER.encode(JwtEncoderParameters.from(header(), serviceClaims(clientId, audience, scope, lifetime)))
                .getTokenValue();
    }

    /** A {@link #service()} token in every claim, signed with a key user-service never had. */
    public static String forgedService() {
        JwtClaimsSet claims = serviceClaims(
                "gateway", NewsroomClaims.INTERNAL_AUDIENCE, NewsroomClaims.INTERNAL, Duration.ofMinutes(10));
        return FORGER.encode(JwtEncoderParameters.from(header(), claims)).getTokenValue();
    }

    private static JwtClaimsSet serviceClaims(String clientId, String audience, String scope, Duration lifetime) {
        Instant now = Instant.now();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(NewsroomClaims.ISSUER)
                .subject(clientId)
                .issuedAt(lifetime.isNegative() ? now.plus(lifetime).minusSeconds(600) : now)
                .expiresAt(now.plus(lifetime))
                .id(UUID.randomUUID().toString());
        if (audience != null) {
            claims.audience(List.of(audience));
        }
        if (scope != null) {
            claims.claim(NewsroomClaims.SCOPE, scope);
        }
        return claims.build();
    }

    private static JwsHeader header() {
        return JwsHeader.with(SignatureAlgorithm.RS256).keyId(KEY_ID).build();
    }

    private static NimbusJwtEncoder encoder(KeyPair keys) {
        return new NimbusJwtEncoder(
                new ImmutableJWKSet<SecurityContext>(new JWKSet(new RSAKey.Builder((RSAPublicKey) keys.getPublic())
                        .privateKey((RSAPrivateKey) keys.getPrivate())
                        .keyID(KEY_ID)
                        .build())));
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Makes the service under test accept these tokens. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Verification {

        @Bean
        @Primary
        ReactiveJwtDecoder testJwtDecoder() {
            return NimbusReactiveJwtDecoder.withPublicKey((RSAPublicKey) KEYS.getPublic())
                    .signatureAlgorithm(SignatureAlgorithm.RS256)
                    .build();
        }
    }
}
