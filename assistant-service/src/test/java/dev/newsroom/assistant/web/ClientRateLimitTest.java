package dev.newsroom.assistant.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.assistant.AssistantServiceProperties;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClientRateLimitTest {

    final AtomicLong now = new AtomicLong(1_000_000_000L);
    final ClientRateLimit limit = new ClientRateLimit(new AssistantServiceProperties.RateLimit(6, 3), 100, now::get);

    @Test
    void aClientMayAskABurstThenWaitsForTheNextToken() {
        assertThat(limit.take("10.0.0.1")).isEmpty();
        assertThat(limit.take("10.0.0.1")).isEmpty();
        assertThat(limit.take("10.0.0.1")).isEmpty();

        // Six a minute: one token every ten seconds.
        assertThat(limit.take("10.0.0.1")).contains(Duration.ofSeconds(10));
        advance(Duration.ofSeconds(4));
        assertThat(limit.take("10.0.0.1")).contains(Duration.ofSeconds(6));
        advance(Duration.ofSeconds(6));
        assertThat(limit.take("10.0.0.1")).isEmpty();
        assertThat(limit.take("10.0.0.1")).isPresent();
    }

    @Test
    void clientsHaveTheirOwnBuckets() {
        for (int i = 0; i < 3; i++) {
            limit.take("10.0.0.1");
        }

        assertThat(limit.take("10.0.0.1")).isPresent();
        assertThat(limit.take("10.0.0.2")).isEmpty();
    }

    @Test
    void requestsWithoutAKnownAddressShareOneBucket() {
        for (int i = 0; i < 3; i++) {
            assertThat(limit.take(null)).isEmpty();
        }

        assertThat(limit.take(null)).isPresent();
        assertThat(limit.clients()).isEqualTo(1);
    }

    @Test
    void refillingStopsAtTheBurst() {
        advance(Duration.ofHours(1));

        for (int i = 0; i < 3; i++) {
            assertThat(limit.take("10.0.0.1")).isEmpty();
        }
        assertThat(limit.take("10.0.0.1")).isPresent();
    }

    @Test
    void idleClientsAreForgottenWhenTooManyAreHeldButWaitingOnesAreKept() {
        ClientRateLimit small = new ClientRateLimit(new AssistantServiceProperties.RateLimit(6, 1), 2, now::get);
        small.take("early");
        advance(Duration.ofSeconds(20));
        small.take("waiting");
        small.take("third");

        // "early" has had its token back for 10 s: forgotten. "waiting" has not: kept, still limited.
        assertThat(small.clients()).isEqualTo(2);
        assertThat(small.take("waiting")).isPresent();
    }

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }
}
