package dev.newsroom.user.token;

import dev.newsroom.platform.security.NewsroomClaims;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/**
 * Signs the tokens a user gets at registration and sign-in (subject = the immutable user id), and
 * the service tokens the gateway and operators get for the internal surface ({@link #issueService}).
 */
public final class TokenIssuer {

    private final JwtEncoder encoder;
    private final String keyId;
    private final Duration lifetime;
    private final Clock clock;

    private final Duration serviceLifetime;

    TokenIssuer(JwtEncoder encoder, String keyId, Duration lifetime, Duration serviceLifetime, Clock clock) {
        this.encoder = encoder;
        this.keyId = keyId;
        this.lifetime = lifetime;
        this.serviceLifetime = serviceLifetime;
        this.clock = clock;
    }

    /** A service token and how long it is valid. */
    public record ServiceToken(String value, Duration lifetime) {}

    /**
     * A service token for {@code clientId}: signed with the same key as users' tokens (every service
     * already trusts it, so the internal surface needs no trust root or certificates of its own), but
     * with audience {@value NewsroomClaims#INTERNAL_AUDIENCE} and scope {@value NewsroomClaims#INTERNAL}
     * and no username or roles, so it is refused as a user's token on {@code /api/**} and a user's
     * token, even an editor's, is refused on {@code /internal/**}. Short-lived (minutes): a leaked
     * one is soon worthless, and the gateway renews its own ahead of expiry.
     */
    public ServiceToken issueService(String clientId) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(NewsroomClaims.ISSUER)
                .subject(clientId)
                .audience(List.of(NewsroomClaims.INTERNAL_AUDIENCE))
                .issuedAt(now)
                .expiresAt(now.plus(serviceLifetime))
                .id(UUID.randomUUID().toString())
                .claim(NewsroomClaims.SCOPE, NewsroomClaims.INTERNAL)
                .build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(keyId).build();
        return new ServiceToken(
                encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue(), serviceLifetime);
    }

    public String issue(String userId, String username, Set<String> roles) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(NewsroomClaims.ISSUER)
                .subject(userId)
                .issuedAt(now)
                .expiresAt(now.plus(lifetime))
                .claim(NewsroomClaims.USERNAME, username)
                .claim(NewsroomClaims.ROLES, List.copyOf(roles))
                .build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(keyId).build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }
}
