package dev.newsroom.trending.board;

import dev.newsroom.platform.web.Timestamps;
import dev.newsroom.trending.ranking.RankingName;
import dev.newsroom.trending.ranking.Rankings;
import dev.newsroom.trending.ranking.Window;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A ranking as the API returns it and as {@code newsroom.trending.changed.v1} carries it (one shape
 * for both, so a stream subscriber and a poller read the same thing).
 */
public record RankingJson(
        String name, String ranking, String window, String tag, String updatedAt, List<Entry> articles) {

    /** One ranked article: its place, what readers see of it, its score and the score's parts. */
    public record Entry(
            int rank,
            String articleId,
            String slug,
            String title,
            String description,
            List<String> tagList,
            String authorId,
            String publishedAt,
            double score,
            long views,
            long comments,
            long favorites) {}

    /** The first {@code limit} entries of ranking {@code name}. */
    public static RankingJson of(String name, Rankings rankings, int limit) {
        List<Rankings.Entry> top = rankings.top(name);
        List<Entry> entries = new ArrayList<>(Math.min(limit, top.size()));
        for (int i = 0; i < top.size() && i < limit; i++) {
            entries.add(entry(i + 1, top.get(i)));
        }
        Window window = RankingName.windowOf(name);
        return new RankingJson(
                name,
                RankingName.rankingOf(name),
                window == null ? null : window.label(),
                RankingName.tagOf(name),
                iso(rankings.computedAt()),
                entries);
    }

    private static Entry entry(int rank, Rankings.Entry entry) {
        var meta = entry.article().meta();
        return new Entry(
                rank,
                entry.article().articleId(),
                meta.slug(),
                meta.title(),
                meta.description(),
                meta.tags(),
                meta.authorId(),
                iso(meta.publishedAt()),
                // Scores are shown to three decimals; hot scores carry many more digits of decay.
                Math.round(entry.score() * 1000) / 1000.0,
                entry.parts().views(),
                entry.parts().comments(),
                entry.parts().favorites());
    }

    private static String iso(Instant instant) {
        return instant == null ? null : Timestamps.iso(instant);
    }
}
