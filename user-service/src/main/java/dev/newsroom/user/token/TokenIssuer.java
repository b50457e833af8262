package dev.newsroom.user.token;

import dev.newsroom.platform.security.NewsroomClaims;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/** Signs the tokens a user gets at registration and sign-in: subject = the immutable user id. */
public final class TokenIssuer {

    private final JwtEncoder encoder;
    private final String keyId;
    private final Duration lifetime;
    private final Clock clock;

    TokenIssuer(JwtEncoder encoder, String keyId, Duration lifetime, Clock clock) {
        this.encoder = encoder;
        this.keyId = keyId;
        this.lifetime = lifetime;
        this.clock = clock;
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
