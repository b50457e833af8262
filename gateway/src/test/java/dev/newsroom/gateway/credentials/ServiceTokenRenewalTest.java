package dev.newsroom.gateway.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The gateway renews its service token well before it expires, leaving time for retries. */
class ServiceTokenRenewalTest {

    @Test
    void aTenMinuteTokenIsRenewedAfterTwoThirdsOfItsLife() {
        ServiceToken.Held token = new ServiceToken.Held("t", Instant.now().plusSeconds(600), Duration.ofMinutes(10));

        assertThat(ServiceToken.renewIn(token)).isEqualTo(Duration.ofSeconds(400));
    }

    @Test
    void aVeryShortTokenIsNotRenewedInATightLoop() {
        ServiceToken.Held token = new ServiceToken.Held("t", Instant.now().plusSeconds(1), Duration.ofSeconds(1));

        assertThat(ServiceToken.renewIn(token)).isEqualTo(Duration.ofSeconds(1));
    }
}
