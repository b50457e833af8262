package dev.newsroom.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RestingDocumentsTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    @Test
    void delayDoublesFromAQuarterSecondUpToHalfAMinute() {
        assertThat(RestingDocuments.delay(1)).isEqualTo(Duration.ofMillis(250));
        assertThat(RestingDocuments.delay(2)).isEqualTo(Duration.ofMillis(500));
        assertThat(RestingDocuments.delay(5)).isEqualTo(Duration.ofSeconds(4));
        assertThat(RestingDocuments.delay(8)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RestingDocuments.delay(1000)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void failedDocumentIsLeftOutUntilItsRestRunsOut() {
        RestingDocuments resting = new RestingDocuments();

        resting.failed("articles", "a-1", 2, NOW);

        assertThat(resting.at("articles", NOW.plusMillis(100))).containsExactly("a-1");
        assertThat(resting.at("comments", NOW.plusMillis(100))).isEmpty();
        assertThat(resting.at("articles", NOW.plusMillis(300))).isEmpty();
    }

    @Test
    void everyFailureInARowDoublesTheRestAndSuccessEndsIt() {
        RestingDocuments resting = new RestingDocuments();
        resting.failed("articles", "a-1", 2, NOW);
        resting.failed("articles", "a-1", 2, NOW.plusSeconds(1));

        assertThat(resting.at("articles", NOW.plusMillis(1400))).containsExactly("a-1");
        assertThat(resting.at("articles", NOW.plusMillis(1600))).isEmpty();

        resting.relayed("articles", "a-1");
        resting.failed("articles", "a-1", 2, NOW.plusSeconds(2));
        assertThat(resting.at("articles", NOW.plusMillis(2300))).isEmpty();
    }

    @Test
    void pendingCountsTheEventsLeftInFailingDocumentsUntilTheyAreRelayed() {
        RestingDocuments resting = new RestingDocuments();
        resting.failed("articles", "a-1", 3, NOW);
        resting.failed("articles", "a-2", 1, NOW);
        resting.failed("articles", "a-1", 2, NOW.plusSeconds(1));

        assertThat(resting.pending("articles")).isEqualTo(3);
        assertThat(resting.pending("comments")).isZero();

        resting.relayed("articles", "a-1");
        assertThat(resting.pending("articles")).isEqualTo(1);
    }
}
