package dev.newsroom.trending.messaging.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsroom.platform.web.OwnNettyResources;
import dev.newsroom.trending.InputTopics;
import dev.newsroom.trending.InputTopics.TestArticle;
import dev.newsroom.trending.RankingsApi;
import dev.newsroom.trending.TrendingServiceApplication;
import dev.newsroom.trending.TrendingServiceTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Two instances share the consumer group: each reads some of the partitions, both answer the full
 * rankings, and those are the rankings one instance computes. The second reads the store only as it
 * starts (before any of these events), so what the first ingests reaches it only through the
 * standings the instances share.
 */
@TrendingServiceTest
class TwoInstancesTest {

    @Autowired
    WebTestClient web;

    @Autowired
    IngestLoop ingest;

    @Test
    void twoInstancesSplitThePartitionsAndAnswerTheSameRankingsFromSharedStandings() {
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(
                                TrendingServiceApplication.class, OwnNettyResources.class)
                        .properties("server.port=0")
                        .run("--newsroom.trending.store-read-interval=1h");
                InputTopics topics = new InputTopics()) {
            IngestLoop secondIngest = second.getBean(IngestLoop.class);
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> !ingest.assignment().isEmpty()
                            && !secondIngest.assignment().isEmpty());
            assertThat(ingest.assignment()).doesNotContainAnyElementsOf(secondIngest.assignment());

            // Enough articles that both instances own some: article i gets i + 1 views.
            String tag = InputTopics.newTag();
            List<TestArticle> articles = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                TestArticle article = InputTopics.newArticle(tag);
                articles.add(article);
                topics.published(article);
                for (int v = 0; v <= i; v++) {
                    topics.viewed(article, "viewer-" + v + "-0123456789abcdef", Instant.now());
                }
            }
            StringBuilder expected = new StringBuilder();
            for (int i = 7; i >= 0; i--) {
                expected.append(8 - i)
                        .append(' ')
                        .append(articles.get(i).slug())
                        .append(' ')
                        .append(i + 1)
                        .append("/0/0 ")
                        .append((double) (i + 1))
                        .append('\n');
            }

            String port = second.getEnvironment().getProperty("local.server.port");
            WebTestClient secondWeb = WebTestClient.bindToServer()
                    .baseUrl("http://127.0.0.1:" + port)
                    .responseTimeout(Duration.ofSeconds(30))
                    .build();
            String query = "window=24h&tag=" + tag;
            new RankingsApi(web).await(query, body -> RankingsApi.summary(body).contentEquals(expected));
            new RankingsApi(secondWeb)
                    .await(query, body -> RankingsApi.summary(body).contentEquals(expected));
        }
    }
}
