package dev.newsroom.trending.messaging.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.platform.security.TestTokens;
import dev.newsroom.trending.InputTopics;
import dev.newsroom.trending.InputTopics.TestArticle;
import dev.newsroom.trending.RankingsApi;
import dev.newsroom.trending.TrendingServiceTest;
import dev.newsroom.trending.activity.ActivityRepository;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Redelivered, republished and replayed events leave the rankings exactly as they were: the
 * offsets kept per article refuse a record applied before, comments and favourites are keyed by
 * their ids, views are de-duplicated by viewer, and a rebuild re-reads everything from the start.
 */
@TrendingServiceTest
class ExactnessTest {

    @Autowired
    WebTestClient web;

    @Autowired
    IngestLoop ingest;

    @Autowired
    ActivityRepository store;

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

    /** Two articles with views (one repeated), comments (one deleted) and favourites (one taken back). */
    private String activity(String tag, List<TestArticle> articles) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        TestArticle first = articles.get(0);
        TestArticle second = articles.get(1);
        articles.forEach(topics::published);
        for (int i = 0; i < 4; i++) {
            topics.viewed(first, "viewer-" + i + "-0123456789abcdef", now);
        }
        topics.viewed(first, "viewer-1-0123456789abcdef", now.plusSeconds(5));
        topics.viewed(second, "viewer-1-0123456789abcdef", now);
        topics.commentPosted(second, 7001, null);
        topics.commentPosted(second, 7002, null);
        topics.commentDeleted(second, 7001, true);
        topics.favorited(first, "0b7f3a52-9c1d-4e8a-b2f4-5d6e7a8b9c01");
        topics.favorited(second, "0b7f3a52-9c1d-4e8a-b2f4-5d6e7a8b9c01");
        topics.unfavorited(second, "0b7f3a52-9c1d-4e8a-b2f4-5d6e7a8b9c01");
        String expected = "1 " + first.slug() + " 4/0/1 14.0\n2 " + second.slug() + " 1/1/0 6.0\n";
        rankings.await(
                "window=24h&tag=" + tag, body -> RankingsApi.summary(body).equals(expected));
        return expected;
    }

    @Test
    void republishedEventsChangeNothing() {
        String tag = InputTopics.newTag();
        List<TestArticle> articles = List.of(InputTopics.newArticle(tag), InputTopics.newArticle(tag));
        String expected = activity(tag, articles);

        // Every event again, as a producer's relay does after a crash (same data, new offsets).
        activity(tag, articles);
        String marker = InputTopics.newTag();
        TestArticle late = InputTopics.newArticle(marker);
        topics.published(late);
        topics.viewed(late, "marker-0123456789abcdef", Instant.now());
        rankings.await("tag=" + marker, body -> body.path("articles").size() == 1);

        assertThat(RankingsApi.summary(rankings.get("window=24h&tag=" + tag))).isEqualTo(expected);
    }

    @Test
    void redeliveredRecordsChangeNothing() throws Exception {
        String tag = InputTopics.newTag();
        String expected = activity(tag, List.of(InputTopics.newArticle(tag), InputTopics.newArticle(tag)));

        // Kafka delivers every record again: the group's offsets go back to the start.
        ingest.stop();
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, System.getProperty("spring.kafka.bootstrap-servers")))) {
            Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
            String mark = CommitMark.of(store.generation(), 0);
            for (String topic : List.of(InputTopics.VIEWS, InputTopics.COMMENTS, InputTopics.ARTICLES)) {
                admin.describeTopics(List.of(topic))
                        .allTopicNames()
                        .get()
                        .get(topic)
                        .partitions()
                        .forEach(p ->
                                start.put(new TopicPartition(topic, p.partition()), new OffsetAndMetadata(0, mark)));
            }
            admin.alterConsumerGroupOffsets("trending-service", start).all().get();
        } finally {
            ingest.start();
        }
        String marker = InputTopics.newTag();
        TestArticle late = InputTopics.newArticle(marker);
        topics.published(late);
        topics.viewed(late, "marker-0123456789abcdef", Instant.now());
        rankings.await("tag=" + marker, body -> body.path("articles").size() == 1);

        assertThat(RankingsApi.summary(rankings.get("window=24h&tag=" + tag))).isEqualTo(expected);
    }

    @Test
    void aRebuildReadsTheTopicsAgainAndEndsWithTheSameRankings() {
        String tag = InputTopics.newTag();
        String expected = activity(tag, List.of(InputTopics.newArticle(tag), InputTopics.newArticle(tag)));
        String allTime = RankingsApi.summary(rankings.get("window=all&tag=" + tag));
        long before = store.generation();

        web.post()
                .uri("/api/trending/rebuild")
                .header("Authorization", TestTokens.moderator().authorization())
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.rebuild.generation")
                .isEqualTo((int) before + 1);

        rankings.await(
                "window=24h&tag=" + tag, body -> RankingsApi.summary(body).equals(expected));
        assertThat(RankingsApi.summary(rankings.get("window=all&tag=" + tag))).isEqualTo(allTime);
    }

    @Test
    void onlyAModeratorMayRebuild() {
        web.post().uri("/api/trending/rebuild").exchange().expectStatus().isUnauthorized();
        web.post()
                .uri("/api/trending/rebuild")
                .header("Authorization", TestTokens.newUser().authorization())
                .exchange()
                .expectStatus()
                .isForbidden();
    }
}
