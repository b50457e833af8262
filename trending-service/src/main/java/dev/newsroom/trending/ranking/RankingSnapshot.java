package dev.newsroom.trending.ranking;

import dev.newsroom.platform.web.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The first entries of one ranking at one moment: the data of {@code newsroom.trending.changed.v1}
 * ({@link RankingEvents}) and, in the very same shape, what {@code GET /api/trending} answers. One
 * record for both on purpose: a stream subscriber (who receives the event's data as it was
 * published) and a poller read the same thing, and a change to one cannot drift from the other.
 */
public record RankingSnapshot(
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
    public static RankingSnapshot of(String name, Rankings rankings, int limit) {
        List<Rankings.Entry> top = rankings.top(name);
        List<Entry> entries = new ArrayList<>(Math.min(limit, top.size()));
        for (int i = 0; i < top.size() && i < limit; i++) {
            entries.add(entry(i + 1, top.get(i)));
        }
        Window window = RankingName.windowOf(name);
        return new RankingSnapshot(
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
