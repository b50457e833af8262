package dev.newsroom.trending.activity;

import java.util.Map;

/**
 * An article as the rankings see it: its metadata, whether it is deleted, its running total and its
 * hour buckets (ascending hours, parallel arrays so scoring thousands of articles stays cheap).
 */
public record Standing(
        String articleId, Activity.Meta meta, boolean deleted, Counts total, long[] hours, Counts[] counts) {

    public static Standing of(
            String articleId, Activity.Meta meta, boolean deleted, Counts total, Map<Long, Counts> buckets) {
        long[] hours = new long[buckets.size()];
        Counts[] counts = new Counts[buckets.size()];
        int i = 0;
        for (var bucket : new java.util.TreeMap<>(buckets).entrySet()) {
            hours[i] = bucket.getKey();
            counts[i] = bucket.getValue();
            i++;
        }
        return new Standing(articleId, meta, deleted, total, hours, counts);
    }

    /** Whether it can appear in a ranking: known metadata and not deleted. */
    public boolean rankable() {
        return meta != null && !deleted;
    }
}
