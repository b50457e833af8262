package dev.newsroom.trending.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.trending.activity.Activity;
import dev.newsroom.trending.activity.Counts;
import dev.newsroom.trending.activity.Hours;
import dev.newsroom.trending.activity.Standing;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RankingsTest {

    static final Instant NOW = Instant.parse("2026-11-26T12:30:00Z");
    static final long HOUR = Hours.of(NOW);
    final Scoring scoring = new Scoring(new Weights(1, 5, 10), Duration.ofHours(6));

    static Standing article(String id, List<String> tags, Instant publishedAt, boolean deleted, Counts now) {
        Activity.Meta meta = new Activity.Meta("slug-" + id, "Title " + id, "", tags, "author", publishedAt, null);
        return Standing.of(id, meta, deleted, now, Map.of(HOUR, now));
    }

    @Test
    void ranksByScoreOverallAndPerTag() {
        Standing a = article("a", List.of("ai"), NOW, false, new Counts(1, 0, 0));
        Standing b = article("b", List.of("ai", "go"), NOW, false, new Counts(0, 1, 0));
        Standing c = article("c", List.of("go"), NOW, false, new Counts(0, 0, 1));

        Rankings rankings = Rankings.compute(List.of(a, b, c), scoring, NOW, 50);

        assertThat(rankings.top("popular:24h"))
                .extracting(e -> e.article().articleId())
                .containsExactly("c", "b", "a");
        assertThat(rankings.top("popular:24h:tag:ai"))
                .extracting(e -> e.article().articleId())
                .containsExactly("b", "a");
        assertThat(rankings.top("hot:tag:go"))
                .extracting(e -> e.article().articleId())
                .containsExactly("c", "b");
        assertThat(rankings.top("popular:24h:tag:none")).isEmpty();
    }

    @Test
    void deletedArticlesAndArticlesWithoutActivityDoNotRank() {
        Standing deleted = article("d", List.of("ai"), NOW, true, new Counts(100, 0, 0));
        Standing quiet = article("q", List.of("ai"), NOW, false, Counts.ZERO);
        Standing unknown = Standing.of("u", null, false, new Counts(5, 0, 0), Map.of(HOUR, new Counts(5, 0, 0)));

        Rankings rankings = Rankings.compute(List.of(deleted, quiet, unknown), scoring, NOW, 50);

        assertThat(rankings.all()).isEmpty();
    }

    @Test
    void tiesGoToTheNewerArticleThenTheSmallerId() {
        Standing older = article("a", List.of(), NOW.minusSeconds(60), false, new Counts(3, 0, 0));
        Standing newerB = article("c", List.of(), NOW, false, new Counts(3, 0, 0));
        Standing newerA = article("b", List.of(), NOW, false, new Counts(3, 0, 0));

        Rankings rankings = Rankings.compute(List.of(older, newerB, newerA), scoring, NOW, 50);

        assertThat(rankings.top("popular:7d"))
                .extracting(e -> e.article().articleId())
                .containsExactly("b", "c", "a");
    }

    @Test
    void keepsOnlyTheTopOfEachRanking() {
        List<Standing> many = java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> article("id" + i, List.of(), NOW, false, new Counts(i + 1, 0, 0)))
                .toList();

        Rankings rankings = Rankings.compute(many, scoring, NOW, 5);

        assertThat(rankings.top("popular:all"))
                .hasSize(5)
                .first()
                .satisfies(e -> assertThat(e.score()).isEqualTo(20));
    }

    @Test
    void namesSayRankingWindowAndTag() {
        assertThat(RankingName.of("popular", Window.D7, null)).isEqualTo("popular:7d");
        assertThat(RankingName.of("popular", Window.D30, "ai")).isEqualTo("popular:30d:tag:ai");
        assertThat(RankingName.of("hot", Window.D7, null)).isEqualTo("hot");
        assertThat(RankingName.of("hot", null, "ai")).isEqualTo("hot:tag:ai");
        assertThat(RankingName.windowOf("popular:24h:tag:ai")).isEqualTo(Window.H24);
        assertThat(RankingName.windowOf("hot:tag:ai")).isNull();
        assertThat(RankingName.tagOf("hot:tag:a:b")).isEqualTo("a:b");
    }
}
