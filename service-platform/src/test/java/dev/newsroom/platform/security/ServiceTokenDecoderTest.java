package dev.newsroom.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Only a service token opens the internal surface, and only a user's token acts as a user; a
 * repeated service token is verified once.
 */
class ServiceTokenDecoderTest {

    private final AtomicInteger signatureChecks = new AtomicInteger();
    private final ReactiveJwtDecoder signatures = token -> {
        signatureChecks.incrementAndGet();
        return new TestTokens.Verification().testJwtDecoder().decode(token);
    };
    private final ServiceTokenDecoder services = new ServiceTokenDecoder(signatures);
    private final UserTokenDecoder users = new UserTokenDecoder(signatures);

    @Test
    void aServiceTokenIsAcceptedWithItsClientAsSubject() {
        Jwt jwt = services.decode(TestTokens.service()).block(Duration.ofSeconds(10));

        assertThat(jwt.getSubject()).isEqualTo("gateway");
        assertThat(jwt.getAudience()).containsExactly(NewsroomClaims.INTERNAL_AUDIENCE);
    }

    @Test
    void aUsersTokenIsNoServiceTokenWhateverItsRoles() {
        for (TestTokens.User user :
                new TestTokens.User[] {TestTokens.newUser(), TestTokens.editor(), TestTokens.moderator()}) {
            assertRefused(services, user.token());
        }
    }

    @Test
    void aServiceTokenWithAnotherAudienceOrNoScopeOrExpiredOrForgedIsRefused() {
        assertRefused(
                services,
                TestTokens.service("gateway", "newsroom-api", NewsroomClaims.INTERNAL, Duration.ofMinutes(10)));
        assertRefused(services, TestTokens.service("gateway", null, NewsroomClaims.INTERNAL, Duration.ofMinutes(10)));
        assertRefused(
                services,
                TestTokens.service("gateway", NewsroomClaims.INTERNAL_AUDIENCE, null, Duration.ofMinutes(10)));
        assertRefused(
                services,
                TestTokens.service("gateway", NewsroomClaims.INTERNAL_AUDIENCE, "admin", Duration.ofMinutes(10)));
        assertRefused(
                services,
                TestTokens.service(
                        "gateway", NewsroomClaims.INTERNAL_AUDIENCE, NewsroomClaims.INTERNAL, Duration.ofMinutes(-10)));
        assertRefused(services, TestTokens.forgedService());
        assertRefused(services, "not.a.token");
    }

    @Test
    void aServiceTokenNeverActsAsAUser() {
        assertRefused(users, TestTokens.service());
        assertRefused(
                users, TestTokens.service("gateway", NewsroomClaims.INTERNAL_AUDIENCE, null, Duration.ofMinutes(5)));
        assertRefused(users, TestTokens.service("gateway", null, NewsroomClaims.INTERNAL, Duration.ofMinutes(5)));
        assertThat(users.decode(TestTokens.editor().token()).block(Duration.ofSeconds(10)))
                .isNotNull();
    }

    @Test
    void aRepeatedServiceTokenIsVerifiedOnceNotPerRequest() {
        String token = TestTokens.service();

        for (int i = 0; i < 1_000; i++) {
            assertThat(services.decode(token).block(Duration.ofSeconds(10))).isNotNull();
        }

        assertThat(signatureChecks).hasValue(1);
    }

    @Test
    void aRefusedTokenIsCheckedAgainEveryTimeAndNeverRemembered() {
        String forged = TestTokens.forgedService();

        assertRefused(services, forged);
        assertRefused(services, forged);

        assertThat(signatureChecks).hasValue(2);
    }

    @Test
    void aRememberedTokenIsVerifiedAgainOnceItsExpiryPasses() {
        MovableClock clock = new MovableClock();
        ServiceTokenDecoder later = new ServiceTokenDecoder(signatures, clock);
        String token = TestTokens.service(
                "operator", NewsroomClaims.INTERNAL_AUDIENCE, NewsroomClaims.INTERNAL, Duration.ofMinutes(10));
        assertThat(later.decode(token).block(Duration.ofSeconds(10))).isNotNull();

        clock.now = clock.now.plus(Duration.ofMinutes(11));

        // Not from memory: verified again, and the signature check's own clock refuses it as expired
        // once it really is; here the remembered copy is simply not used.
        later.decode(token)
                .onErrorResume(JwtException.class, failure -> reactor.core.publisher.Mono.empty())
                .block(Duration.ofSeconds(10));
        assertThat(signatureChecks).hasValue(2);
    }

    private static void assertRefused(ReactiveJwtDecoder decoder, String token) {
        assertThatThrownBy(() -> decoder.decode(token).block(Duration.ofSeconds(10)))
                .as(token)
                .isInstanceOf(JwtException.class);
    }

    private static final class MovableClock extends Clock {

        Instant now = Instant.now();

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
