package dev.newsroom.trending.ranking;

import dev.newsroom.trending.activity.Counts;
import dev.newsroom.trending.activity.Hours;
import dev.newsroom.trending.activity.Standing;
import java.time.Duration;

/**
 * The ranking maths. Popular: the weighted sum of the counts in a window of hour buckets relative to
 * now (the running total for "all"). Hot: every bucket's weighted activity decayed by its age with a
 * half-life, {@code sum(weight * activity * 2^(-age / halfLife))}, age measured from the middle of
 * the bucket, so activity keeps ranking an article while it is fresh and fades as it gets old.
 */
public final class Scoring {

    /** A score and the counts it was computed from (for hot: the last 30 days, undecayed). */
    public record Score(double value, Counts parts) {}

    private final Weights weights;
    private final double halfLifeMillis;

    public Scoring(Weights weights, Duration halfLife) {
        if (halfLife.isZero() || halfLife.isNegative()) {
            throw new IllegalArgumentException("half-life must be positive");
        }
        this.weights = weights;
        this.halfLifeMillis = halfLife.toMillis();
    }

    public Score popular(Standing article, Window window, long nowMillis) {
        Counts parts;
        if (window == Window.ALL) {
            parts = article.total();
        } else {
            long nowHour = Hours.ofMillis(nowMillis);
            parts = sum(article, nowHour - window.hours(), nowHour);
        }
        return new Score(weights.of(parts), parts);
    }

    public Score hot(Standing article, long nowMillis) {
        long nowHour = Hours.ofMillis(nowMillis);
        long firstHour = nowHour - Window.RETAINED_HOURS;
        double score = 0;
        long[] hours = article.hours();
        Counts[] counts = article.counts();
        for (int i = 0; i < hours.length; i++) {
            if (hours[i] > firstHour && hours[i] <= nowHour) {
                double age = Math.max(0, nowMillis - (hours[i] * Hours.MILLIS + Hours.MILLIS / 2));
                score += weights.of(counts[i]) * Math.pow(2, -age / halfLifeMillis);
            }
        }
        return new Score(score, sum(article, firstHour, nowHour));
    }

    /** Counts of the buckets in hours ({@code afterHour}, {@code lastHour}]. */
    private static Counts sum(Standing article, long afterHour, long lastHour) {
        long views = 0;
        long comments = 0;
        long favorites = 0;
        long[] hours = article.hours();
        Counts[] counts = article.counts();
        for (int i = 0; i < hours.length; i++) {
            if (hours[i] > afterHour && hours[i] <= lastHour) {
                views += counts[i].views();
                comments += counts[i].comments();
                favorites += counts[i].favorites();
            }
        }
        return new Counts(views, comments, favorites);
    }
}
