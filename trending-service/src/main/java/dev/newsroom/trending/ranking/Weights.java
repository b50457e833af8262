package dev.newsroom.trending.ranking;

import dev.newsroom.trending.activity.Counts;

/** How much one view, one visible comment and one favourite weigh in a score. */
public record Weights(double views, double comments, double favorites) {

    public double of(Counts counts) {
        return views * counts.views() + comments * counts.comments() + favorites * counts.favorites();
    }
}
