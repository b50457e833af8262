package dev.newsroom.trending.messaging.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.platform.messaging.TopicReader;
import dev.newsroom.trending.InputTopics;
import dev.newsroom.trending.InputTopics.TestArticle;
import dev.newsroom.trending.RankingsApi;
import dev.newsroom.trending.TrendingServiceTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A record that can never be applied goes to the dead-letter topic; its partition keeps flowing. */
@TrendingServiceTest
class DeadLetterTest {

    static final String DLQ = "newsroom.article-views.v1.trending-service.dlq";

    @Autowired
    WebTestClient web;

    InputTopics topics;
    TopicReader deadLetters;

    @BeforeEach
    void setUp() {
        topics = new InputTopics();
        deadLetters = new TopicReader(DLQ);
    }

    @AfterEach
    void tearDown() {
        topics.close();
        deadLetters.close();
    }

    @Test
    void aPoisonViewGoesToTheDeadLetterTopicAndLaterViewsOfTheArticleStillCount() {
        String tag = InputTopics.newTag();
        TestArticle article = InputTopics.newArticle(tag);
        topics.published(article);
        String poisonId = topics.send(InputTopics.VIEWS, article.id(), "newsroom.article.viewed.v1", "{not json");
        String missingField = topics.send(
                InputTopics.VIEWS,
                article.id(),
                "newsroom.article.viewed.v1",
                "{\"articleId\":\"" + article.id() + "\"}");
        topics.viewed(article, "after-the-poison-0123", Instant.now());

        new RankingsApi(web)
                .await(
                        "tag=" + tag,
                        body -> body.path("articles").size() == 1
                                && body.path("articles").get(0).path("views").asLong() == 1);
        List<TopicReader.Event> letters =
                deadLetters.await(event -> article.id().equals(event.key()), 2, Duration.ofSeconds(60));

        assertThat(letters).extracting(event -> event.headers().get("ce_id")).containsExactly(poisonId, missingField);
        assertThat(letters.get(0).value()).isEqualTo("{not json");
        assertThat(letters.get(0).headers().get("x-original-topic")).isEqualTo(InputTopics.VIEWS);
        assertThat(letters.get(1).headers().get("x-exception-message")).contains("viewerKey");
    }
}
