package dev.newsroom.trending.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.trending.InputTopics;
import dev.newsroom.trending.InputTopics.TestArticle;
import dev.newsroom.trending.RankingsApi;
import dev.newsroom.trending.TrendingServiceTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** From events on the input topics to the rankings the API answers. */
@TrendingServiceTest
class TrendingApiTest {

    @Autowired
    WebTestClient web;

    InputTopics topics;
    RankingsApi rankings;

    @BeforeEach
    void setUp() {
        topics = new InputTopics();
        rankings = new RankingsApi(web);
    }

    @AfterEach
    void tearDown() {
        topics.close();
    }

    @Test
    void viewsCommentsAndFavouritesRankArticlesOfATag() {
        String tag = InputTopics.newTag();
        TestArticle first = InputTopics.newArticle(tag);
        TestArticle second = InputTopics.newArticle(tag);
        topics.published(first);
        topics.published(second);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (int i = 0; i < 3; i++) {
            topics.viewed(first, "viewer-" + i + "-0123456789abcdef", now);
        }
        // The same viewer again within 30 minutes counts once.
        topics.viewed(first, "viewer-0-0123456789abcdef", now.plusSeconds(60));
        topics.viewed(second, "viewer-9-0123456789abcdef", now);
        topics.commentPosted(second, 9001, null);
        topics.commentPosted(second, 9002, "published");
        topics.commentPosted(second, 9003, "held");
        topics.commentDeleted(second, 9002, true);
        topics.commentModerated(second, 9003, "approved", "held");
        String reader = UUID.randomUUID().toString();
        topics.favorited(first, reader);
        topics.favorited(first, UUID.randomUUID().toString());
        topics.unfavorited(first, reader);

        JsonNode ranking = rankings.await(
                "window=24h&tag=" + tag,
                body -> RankingsApi.summary(body)
                        .equals("1 " + first.slug() + " 3/0/1 13.0\n" + "2 " + second.slug() + " 1/2/0 11.0\n"));
        assertThat(ranking.path("name").asString()).isEqualTo("popular:24h:tag:" + tag);
    }

    @Test
    void aDeletedArticleLeavesEveryRankingAtOnce() {
        leavesEveryRankingAtOnce(topics::deleted);
    }

    @Test
    void aWithdrawnArticleLeavesEveryRankingAtOnce() {
        leavesEveryRankingAtOnce(topics::withdrawn);
    }

    private void leavesEveryRankingAtOnce(Consumer<TestArticle> removal) {
        String tag = InputTopics.newTag();
        TestArticle kept = InputTopics.newArticle(tag);
        TestArticle removed = InputTopics.newArticle(tag);
        topics.published(kept);
        topics.published(removed);
        topics.viewed(kept, "reader-0123456789abcdef", Instant.now());
        topics.viewed(removed, "reader-0123456789abcdef", Instant.now());
        topics.viewed(removed, "other-0123456789abcdef", Instant.now());
        rankings.await("window=all&tag=" + tag, body -> body.path("articles").size() == 2);
        rankings.await("ranking=hot&tag=" + tag, body -> body.path("articles").size() == 2);

        removal.accept(removed);

        for (String query : new String[] {"window=24h", "window=7d", "window=30d", "window=all", "ranking=hot"}) {
            JsonNode ranking = rankings.await(
                    query + "&tag=" + tag, body -> body.path("articles").size() == 1);
            assertThat(ranking.path("articles").get(0).path("slug").asString()).isEqualTo(kept.slug());
        }
    }

    @Test
    void hotRankingHasNoWindowAndDescribesEachArticle() {
        String tag = InputTopics.newTag();
        TestArticle article = InputTopics.newArticle(tag);
        topics.published(article);
        topics.viewed(article, "reader-0123456789abcdef", Instant.now());

        JsonNode ranking = rankings.await(
                "ranking=hot&window=30d&tag=" + tag,
                body -> body.path("articles").size() == 1);

        assertThat(ranking.path("name").asString()).isEqualTo("hot:tag:" + tag);
        assertThat(ranking.path("ranking").asString()).isEqualTo("hot");
        assertThat(ranking.path("window").isNull()).isTrue();
        assertThat(ranking.path("tag").asString()).isEqualTo(tag);
        assertThat(ranking.path("updatedAt").asString()).isNotBlank();
        JsonNode entry = ranking.path("articles").get(0);
        assertThat(entry.path("rank").asInt()).isEqualTo(1);
        assertThat(entry.path("slug").asString()).isEqualTo(article.slug());
        assertThat(entry.path("title").asString()).isEqualTo("A story");
        assertThat(entry.path("description").asString()).isEqualTo("About something");
        assertThat(entry.path("tagList").toString()).isEqualTo("[\"" + tag + "\",\"news\"]");
        assertThat(entry.path("publishedAt").asString()).isNotBlank();
        assertThat(entry.path("score").asDouble()).isPositive();
        assertThat(entry.path("views").asLong()).isEqualTo(1);
    }

    @Test
    void anUpdatedTitleShowsInTheRanking() {
        String tag = InputTopics.newTag();
        TestArticle article = InputTopics.newArticle(tag);
        topics.published(article);
        topics.viewed(article, "reader-0123456789abcdef", Instant.now());
        rankings.await("tag=" + tag, body -> body.path("articles").size() == 1);

        topics.updated(article, "A better title");

        rankings.await(
                "tag=" + tag,
                body -> body.path("articles").get(0).path("title").asString().equals("A better title"));
    }

    @Test
    void anUnknownTagHasAnEmptyRankingAndDefaultsArePopularSevenDays() {
        JsonNode ranking = rankings.get("tag=" + InputTopics.newTag());
        assertThat(ranking.path("articles").size()).isZero();

        JsonNode overall = rankings.get("");
        assertThat(overall.path("name").asString()).isEqualTo("popular:7d");
        assertThat(overall.path("tag").isNull()).isTrue();
        assertThat(overall.path("articles").size()).isLessThanOrEqualTo(10);
    }

    @Test
    void badParametersAnswer422InTheRealWorldShape() {
        expect422("ranking=best", "ranking", "must be one of popular, hot");
        expect422("window=1y", "window", "must be one of 24h, 7d, 30d, all");
        expect422("limit=0", "limit", "must be between 1 and 50");
        expect422("limit=51", "limit", "must be between 1 and 50");
        expect422("limit=ten", "limit", "must be between 1 and 50");
        expect422("tag=" + "x".repeat(101), "tag", "is too long (maximum is 100 characters)");
    }

    private void expect422(String query, String field, String message) {
        web.get()
                .uri("/api/trending?" + query)
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody()
                .jsonPath("$.errors." + field + "[0]")
                .isEqualTo(message);
    }
}
