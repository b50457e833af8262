package dev.newsroom.trending.ranking;

/**
 * The events this service publishes about its rankings, built from the rankings: {@code
 * newsroom.trending.changed.v1} (contract: {@code contracts/schemas/newsroom.trending.changed.v1}).
 */
public final class RankingEvents {

    /** The CloudEvents type of a ranking change. */
    public static final String TRENDING_CHANGED = "newsroom.trending.changed.v1";

    private RankingEvents() {}

    /** The data of {@code newsroom.trending.changed.v1} for ranking {@code name}: its first {@code size} entries. */
    public static RankingSnapshot trendingChanged(String name, Rankings rankings, int size) {
        return RankingSnapshot.of(name, rankings, size);
    }
}
