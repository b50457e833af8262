package dev.newsroom.assistant.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.assistant.AssistantProperties;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClientRateLimitTest {

    final AtomicLong now = new AtomicLong(1_000_000_000L);
    final ClientRateLimit limit = new ClientRateLimit(new AssistantProperties.RateLimit(6, 3), 100, now::get);

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
    void refillingStopsAtTheBurst() {
        advance(Duration.ofHours(1));

        for (int i = 0; i < 3; i++) {
            assertThat(limit.take("10.0.0.1")).isEmpty();
        }
        assertThat(limit.take("10.0.0.1")).isPresent();
    }

    @Test
    void idleClientsAreForgottenWhenTooManyAreHeldButBusyOnesAreNot() {
        ClientRateLimit small = new ClientRateLimit(new AssistantProperties.RateLimit(6, 1), 2, now::get);
        small.take("busy");
        small.take("idle");
        advance(Duration.ofSeconds(5));
        small.take("idle-again");
        advance(Duration.ofSeconds(6));

        // "busy" is still waiting for a token (refilled after 10 s): it is kept, and still limited.
        small.take("fourth");
        assertThat(small.take("busy")).isEmpty();
        assertThat(small.take("busy")).isPresent();
    }

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }
}
