package dev.newsroom.trending.activity;

/**
 * One article's {@link Standing} with the rebuild generation it belongs to and its {@link
 * Activity#version() version}: what the rankings take in, whether read from the store or shared by
 * the instance that ingested it. Of two copies of an article under one generation, the higher
 * version is the newer.
 */
public record VersionedStanding(long generation, long version, Standing standing) {

    /** The article's current standing, taken on the thread that owns it. */
    public static VersionedStanding of(long generation, Activity activity) {
        return new VersionedStanding(generation, activity.version(), activity.standing());
    }

    public String articleId() {
        return standing.articleId();
    }
}
