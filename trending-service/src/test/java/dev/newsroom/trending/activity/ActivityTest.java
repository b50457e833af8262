package dev.newsroom.trending.activity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.trending.ranking.Window;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActivityTest {

    static final Instant NOW = Instant.parse("2026-11-26T12:30:00Z");
    static final long HOUR = Hours.of(NOW);
    static final long CUTOFF = HOUR - Window.RETAINED_HOURS;
    static final Activity.Meta META =
            new Activity.Meta("slug", "Title", "Desc", List.of("ai"), "author", NOW.minusSeconds(3600), NOW);

    final Activity activity = Activity.empty("article", 1);

    @Test
    void anOffsetAppliesOnceSoRedeliveryChangesNothing() {
        for (int delivery = 0; delivery < 3; delivery++) {
            if (activity.accept("v0", 7)) {
                activity.viewed(HOUR, CUTOFF);
            }
        }
        assertThat(activity.accept("v0", 6)).isFalse();
        assertThat(activity.accept("v1", 6)).isTrue();

        assertThat(activity.total()).isEqualTo(new Counts(1, 0, 0));
        assertThat(activity.buckets()).containsEntry(HOUR, new Counts(1, 0, 0));
    }

    @Test
    void theVersionGrowsWithEveryAppliedOffsetSoTheNewerOfTwoCopiesIsKnown() {
        assertThat(activity.version()).isZero();
        activity.accept("v0", 7);
        long afterOne = activity.version();
        activity.accept("a0", 3);
        long afterTwo = activity.version();
        activity.accept("v0", 5); // redelivered: refused, nothing moves

        assertThat(afterOne).isPositive();
        assertThat(afterTwo).isGreaterThan(afterOne);
        assertThat(activity.version()).isEqualTo(afterTwo);
    }

    @Test
    void anUnfavouriteTakesItsWeightBackFromTheHourOfTheFavourite() {
        activity.favorited("reader", HOUR - 3, CUTOFF);
        activity.favorited("reader", HOUR - 2, CUTOFF); // republished: still one favourite
        activity.favorited("other", HOUR, CUTOFF);

        activity.unfavorited("reader", CUTOFF);
        activity.unfavorited("reader", CUTOFF); // republished: nothing more to take back

        assertThat(activity.total()).isEqualTo(new Counts(0, 0, 1));
        assertThat(activity.buckets()).doesNotContainKey(HOUR - 3).containsEntry(HOUR, new Counts(0, 0, 1));
    }

    @Test
    void deletedAndRejectedCommentsTakeTheirWeightBack() {
        activity.commentVisible("1", HOUR - 1, false, CUTOFF);
        activity.commentVisible("2", HOUR, false, CUTOFF);
        activity.commentVisible("2", HOUR, false, CUTOFF); // republished
        activity.commentVisible("3", HOUR, false, CUTOFF);

        activity.commentHidden("1", HOUR - 1, true, CUTOFF); // deleted
        activity.commentHidden("2", HOUR, true, CUTOFF); // rejected
        activity.commentHidden("2", HOUR, true, CUTOFF); // republished
        activity.commentHidden("4", HOUR, true, CUTOFF); // never counted (was held)

        assertThat(activity.total()).isEqualTo(new Counts(0, 1, 0));
        assertThat(activity.buckets()).containsOnlyKeys(HOUR);
        assertThat(activity.comments()).containsOnlyKeys("3");
    }

    @Test
    void anApprovedHeldCommentCountsOnce() {
        activity.commentVisible("5", HOUR, false, CUTOFF); // approved
        activity.commentVisible("5", HOUR, false, CUTOFF); // approved again by a second moderator

        assertThat(activity.total().comments()).isEqualTo(1);
    }

    @Test
    void activityOlderThanTheBucketsCountsOnlyForAll() {
        activity.viewed(CUTOFF, CUTOFF);
        activity.commentVisible("9", CUTOFF - 5, false, CUTOFF);

        assertThat(activity.total()).isEqualTo(new Counts(1, 1, 0));
        assertThat(activity.buckets()).isEmpty();

        activity.commentHidden("9", CUTOFF - 5, true, CUTOFF);
        assertThat(activity.total()).isEqualTo(new Counts(1, 0, 0));
    }

    @Test
    void pruningDropsBucketsNoWindowReads() {
        activity.viewed(HOUR - 10, CUTOFF);
        activity.favorited("reader", HOUR - 10, CUTOFF);
        activity.viewed(HOUR, CUTOFF);

        activity.prune(HOUR - 10);

        assertThat(activity.buckets()).containsOnlyKeys(HOUR);
        assertThat(activity.favorites()).isEmpty();
        assertThat(activity.total()).isEqualTo(new Counts(2, 0, 1));
        // The favourite is older than the buckets now: an unfavourite takes it from the total.
        activity.unfavorited("reader", HOUR - 10);
        assertThat(activity.total()).isEqualTo(new Counts(2, 0, 0));
    }

    @Test
    void aDeletedArticleDropsItsCountersAndIgnoresLaterActivity() {
        activity.described(META);
        activity.viewed(HOUR, CUTOFF);
        activity.favorited("reader", HOUR, CUTOFF);

        activity.deleted();
        activity.viewed(HOUR, CUTOFF);
        activity.described(META);

        assertThat(activity.isDeleted()).isTrue();
        assertThat(activity.total()).isEqualTo(Counts.ZERO);
        assertThat(activity.buckets()).isEmpty();
        assertThat(activity.standing().rankable()).isFalse();
    }

    @Test
    void changesNameWhatTheNextWriteMustStore() {
        activity.saved();
        activity.accept("v0", 1);
        activity.viewed(HOUR, CUTOFF);

        assertThat(activity.changes().replace()).isFalse();
        assertThat(activity.changes().buckets()).containsExactly(HOUR);
        assertThat(activity.changes().offsets()).containsExactly("v0");

        activity.saved();
        assertThat(activity.changes().isEmpty()).isTrue();
    }
}
