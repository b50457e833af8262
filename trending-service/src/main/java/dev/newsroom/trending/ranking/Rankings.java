package dev.newsroom.trending.ranking;

import dev.newsroom.trending.activity.Counts;
import dev.newsroom.trending.activity.Standing;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every ranking at one moment: popular for each window and hot, overall and per tag, each cut to
 * its top {@code depth} entries. Immutable; computed from scratch from the articles' standings,
 * so every instance computing from the same stored state gets the same rankings.
 *
 * <p>Only articles with activity in a ranking's span (a score above zero) appear in it. Ties go
 * to the newer article, then to the smaller article id, so the order is total.
 */
public final class Rankings {

    /** One place in a ranking (its rank is its index + 1). */
    public record Entry(Standing article, double score, Counts parts) {}

    private static final Comparator<Entry> ORDER = Comparator.comparingDouble(Entry::score)
            .reversed()
            .thenComparing(
                    entry -> entry.article().meta().publishedAt(), Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(entry -> entry.article().articleId());

    private final Instant computedAt;
    private final Map<String, List<Entry>> byName;

    private Rankings(Instant computedAt, Map<String, List<Entry>> byName) {
        this.computedAt = computedAt;
        this.byName = byName;
    }

    public static Rankings empty(Instant at) {
        return new Rankings(at, Map.of());
    }

    public static Rankings compute(Collection<Standing> articles, Scoring scoring, Instant now, int depth) {
        long nowMillis = now.toEpochMilli();
        Map<String, List<Entry>> lists = new HashMap<>();
        for (Standing article : articles) {
            if (!article.rankable()) {
                continue;
            }
            for (Window window : Window.values()) {
                Scoring.Score score = scoring.popular(article, window, nowMillis);
                place(lists, article, score, RankingName.POPULAR, window);
            }
            place(lists, article, scoring.hot(article, nowMillis), RankingName.HOT, null);
        }
        Map<String, List<Entry>> tops = new HashMap<>();
        lists.forEach((name, entries) -> {
            entries.sort(ORDER);
            tops.put(name, List.copyOf(entries.subList(0, Math.min(depth, entries.size()))));
        });
        return new Rankings(now, Map.copyOf(tops));
    }

    private static void place(
            Map<String, List<Entry>> lists, Standing article, Scoring.Score score, String ranking, Window window) {
        if (score.value() <= 0) {
            return;
        }
        Entry entry = new Entry(article, score.value(), score.parts());
        lists.computeIfAbsent(RankingName.of(ranking, window, null), name -> new ArrayList<>())
                .add(entry);
        for (String tag : article.meta().tags()) {
            lists.computeIfAbsent(RankingName.of(ranking, window, tag), name -> new ArrayList<>())
                    .add(entry);
        }
    }

    /** The top entries of a ranking, empty when nothing ranks in it. */
    public List<Entry> top(String name) {
        return byName.getOrDefault(name, List.of());
    }

    /** Every ranking that has entries, by name. */
    public Map<String, List<Entry>> all() {
        return byName;
    }

    public Instant computedAt() {
        return computedAt;
    }
}
