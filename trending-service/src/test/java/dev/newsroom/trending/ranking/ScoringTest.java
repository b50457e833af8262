package dev.newsroom.trending.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.newsroom.trending.activity.Activity;
import dev.newsroom.trending.activity.Counts;
import dev.newsroom.trending.activity.Hours;
import dev.newsroom.trending.activity.Standing;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoringTest {

    static final Instant NOW = Instant.parse("2026-11-26T12:30:00Z");
    static final long NOW_HOUR = Hours.of(NOW);
    static final Weights WEIGHTS = new Weights(1, 5, 10);
    final Scoring scoring = new Scoring(WEIGHTS, Duration.ofHours(6));

    static Standing standing(Map<Long, Counts> buckets, Counts total) {
        Activity.Meta meta = new Activity.Meta("s", "T", "d", List.of("ai"), "a", NOW.minusSeconds(86_400), null);
        return Standing.of("id", meta, false, total, buckets);
    }

    @Test
    void popularWeighsViewsCommentsAndFavouritesOfTheWindow() {
        Standing article = standing(Map.of(NOW_HOUR, new Counts(10, 2, 1)), new Counts(10, 2, 1));

        Scoring.Score score = scoring.popular(article, Window.H24, NOW.toEpochMilli());

        assertThat(score.value()).isEqualTo(10 + 2 * 5 + 10);
        assertThat(score.parts()).isEqualTo(new Counts(10, 2, 1));
    }

    @Test
    void windowsCountWholeHoursUpToTheCurrentOne() {
        Standing article = standing(
                Map.of(
                        NOW_HOUR,
                        new Counts(1, 0, 0),
                        NOW_HOUR - 23,
                        new Counts(2, 0, 0),
                        NOW_HOUR - 24,
                        new Counts(4, 0, 0),
                        NOW_HOUR - 24 * 7 + 1,
                        new Counts(8, 0, 0),
                        NOW_HOUR - 24 * 7,
                        new Counts(16, 0, 0),
                        NOW_HOUR - 24 * 30 + 1,
                        new Counts(32, 0, 0)),
                new Counts(1000, 0, 0));
        long now = NOW.toEpochMilli();

        assertThat(scoring.popular(article, Window.H24, now).parts().views()).isEqualTo(3);
        assertThat(scoring.popular(article, Window.D7, now).parts().views()).isEqualTo(15);
        assertThat(scoring.popular(article, Window.D30, now).parts().views()).isEqualTo(63);
        assertThat(scoring.popular(article, Window.ALL, now).parts().views()).isEqualTo(1000);
    }

    @Test
    void countsLeaveAWindowAsTimePasses() {
        Standing article = standing(Map.of(NOW_HOUR, new Counts(5, 0, 0)), new Counts(5, 0, 0));

        long inADay = NOW.plus(Duration.ofHours(24)).toEpochMilli();

        assertThat(scoring.popular(article, Window.H24, inADay).value()).isZero();
        assertThat(scoring.popular(article, Window.D7, inADay).value()).isEqualTo(5);
        assertThat(scoring.popular(article, Window.ALL, inADay).value()).isEqualTo(5);
    }

    @Test
    void hotHalvesActivityEveryHalfLife() {
        Standing fresh = standing(Map.of(NOW_HOUR, new Counts(10, 0, 0)), new Counts(10, 0, 0));
        Standing older = standing(Map.of(NOW_HOUR - 6, new Counts(10, 0, 0)), new Counts(10, 0, 0));
        // The current bucket's middle is at NOW exactly (12:30), so its age is zero.
        long now = NOW.toEpochMilli();

        assertThat(scoring.hot(fresh, now).value()).isCloseTo(10, within(1e-9));
        assertThat(scoring.hot(older, now).value()).isCloseTo(5, within(1e-9));
        assertThat(scoring.hot(older, now).parts()).isEqualTo(new Counts(10, 0, 0));
    }

    @Test
    void hotPrefersRecentActivityOverMoreButOlderActivity() {
        Standing recent = standing(Map.of(NOW_HOUR, new Counts(10, 0, 0)), new Counts(10, 0, 0));
        Standing old = standing(Map.of(NOW_HOUR - 48, new Counts(100, 0, 0)), new Counts(100, 0, 0));
        long now = NOW.toEpochMilli();

        assertThat(scoring.hot(recent, now).value())
                .isGreaterThan(scoring.hot(old, now).value());
        assertThat(scoring.popular(old, Window.D7, now).value())
                .isGreaterThan(scoring.popular(recent, Window.D7, now).value());
    }

    @Test
    void weightsAreConfigurable() {
        Standing article = standing(Map.of(NOW_HOUR, new Counts(10, 2, 1)), new Counts(10, 2, 1));
        Scoring viewsOnly = new Scoring(new Weights(1, 0, 0), Duration.ofHours(6));

        assertThat(viewsOnly.popular(article, Window.H24, NOW.toEpochMilli()).value())
                .isEqualTo(10);
    }
}
