package dev.newsroom.trending.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.trending.InputTopics;
import dev.newsroom.trending.InputTopics.TestArticle;
import dev.newsroom.trending.RankingsApi;
import dev.newsroom.trending.TrendingServiceTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
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
}
