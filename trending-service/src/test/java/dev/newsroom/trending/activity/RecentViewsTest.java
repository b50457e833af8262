package dev.newsroom.trending.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecentViewsTest {

    static final long T = Instant.parse("2026-11-26T12:00:00Z").toEpochMilli();
    static final long MINUTE = Duration.ofMinutes(1).toMillis();

    final RecentViews views = new RecentViews(
            Duration.ofMinutes(30).toSeconds(), Duration.ofMinutes(5).toSeconds());

    @Test
    void theSameViewerWithinThirtyMinutesCountsOnce() {
        assertThat(views.counts("a", "v", T)).isTrue();
        assertThat(views.counts("a", "v", T + 10 * MINUTE)).isFalse();
        assertThat(views.counts("a", "other", T + 10 * MINUTE)).isTrue();
        assertThat(views.counts("b", "v", T + 10 * MINUTE)).isTrue();
    }

    @Test
    void aViewerCountsAgainAfterThirtyMinutesWithoutViewing() {
        assertThat(views.counts("a", "v", T)).isTrue();
        assertThat(views.counts("a", "v", T + 31 * MINUTE)).isTrue();
        assertThat(views.counts("a", "v", T + 50 * MINUTE)).isFalse();
        // Each view restarts the window: the decision depends only on the half hour before.
        assertThat(views.counts("a", "v", T + 70 * MINUTE)).isFalse();
        assertThat(views.counts("a", "v", T + 101 * MINUTE)).isTrue();
    }

    @Test
    void decidesByEventTimeSoAReplayDecidesTheSame() {
        long[] times = {T, T + 5 * MINUTE, T + 40 * MINUTE, T + 41 * MINUTE, T + 200 * MINUTE};
        StringBuilder first = new StringBuilder();
        StringBuilder replay = new StringBuilder();
        RecentViews again = new RecentViews(1800, 300);
        for (long time : times) {
            first.append(views.counts("a", "v", time));
        }
        for (long time : times) {
            replay.append(again.counts("a", "v", time));
        }
        assertThat(replay.toString()).isEqualTo(first.toString()).isEqualTo("truefalsetruefalsetrue");
    }

    @Test
    void aLateViewWithinTheWindowOfAnEarlierOneIsADuplicate() {
        assertThat(views.counts("a", "v", T + 10 * MINUTE)).isTrue();
        assertThat(views.counts("a", "v", T)).isFalse();
    }

    @Test
    void memoryHoldsTheViewersOfOneWindowNotEveryEvent() {
        for (int minute = 0; minute < 600; minute++) {
            for (int viewer = 0; viewer < 200; viewer++) {
                views.counts("a", minute + "-" + viewer, T + minute * MINUTE);
            }
        }
        // 35 minutes (window + slack) of 200 new viewers a minute, and at most as much again
        // before the next clean-up.
        assertThat(views.size()).isLessThanOrEqualTo(2 * 36 * 200);
    }
}
