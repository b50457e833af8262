package dev.newsroom.assistant.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.assistant.Articles;
import dev.newsroom.assistant.Articles.TestArticle;
import dev.newsroom.assistant.Ask;
import dev.newsroom.assistant.AssistantServiceTest;
import dev.newsroom.assistant.SampleArticles;
import dev.newsroom.assistant.article.ArticleText;
import dev.newsroom.platform.messaging.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The service's own copy of article text, fed through the real broker as article-service feeds it. */
@AssistantServiceTest
class ArticleEventsTest {

    static final String DLQ = "newsroom.articles.v1.assistant-service.dlq";

    @Autowired
    WebTestClient web;

    @Autowired
    ReactiveMongoTemplate mongo;

    Articles articles;
    Ask ask;

    @BeforeEach
    void setUp() {
        articles = new Articles(mongo);
        ask = new Ask(web);
    }

    @AfterEach
    void tearDown() {
        articles.close();
    }

    @Test
    void aPublishedArticlesTextIsKeptAndAnswersQuestions() {
        TestArticle article = Articles.newArticle(SampleArticles.BRIDGE_TITLE, SampleArticles.BRIDGE);
        String eventId = articles.published(article);

        ArticleText projected = articles.awaitProjected(article.id(), found -> true);

        assertThat(projected.slug()).isEqualTo(article.slug());
        assertThat(projected.title()).isEqualTo(SampleArticles.BRIDGE_TITLE);
        assertThat(projected.body()).isEqualTo(SampleArticles.BRIDGE);
        assertThat(projected.lastEventId()).isEqualTo(eventId);
        ask.question(article.slug(), "How much did the repair cost?")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.answer.answered")
                .isEqualTo(true);
    }

    @Test
    void anUpdatedArticleIsAnsweredFromItsNewText() {
        TestArticle article = articles.live(SampleArticles.BRIDGE_TITLE, SampleArticles.BRIDGE);
        TestArticle corrected = article.withBody(SampleArticles.BRIDGE.replace("48 million euros", "51 million euros"));
        String update = articles.updated(corrected, article.createdAt().plusSeconds(60));
        articles.awaitProjected(article.id(), found -> update.equals(found.lastEventId()));

        ask.question(article.slug(), "How much did the repair cost?")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.answer.text")
                .value(String.class, text -> assertThat(text).contains("51 million euros"));
    }

    @Test
    void aDeletedArticleStopsBeingAnswerableAtOnceAndItsTextIsForgotten() {
        TestArticle article = articles.live(SampleArticles.BRIDGE_TITLE, SampleArticles.BRIDGE);
        articles.deleted(article, article.createdAt().plusSeconds(120));

        ArticleText tombstone = articles.awaitProjected(article.id(), ArticleText::deleted);

        assertThat(tombstone.body()).isNull();
        assertThat(tombstone.title()).isNull();
        long started = System.nanoTime();
        ask.question(article.slug(), "How much did the repair cost?")
                .expectStatus()
                .isNotFound()
                .expectBody()
                .json("{\"errors\":{\"article\":[\"not found\"]}}");
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("a known deletion is answered without waiting for the article to appear")
                .isLessThan(Duration.ofMillis(1500));
    }

    @Test
    void aStaleUpdateArrivingAfterTheDeletionDoesNotBringTheArticleBack() {
        TestArticle article = Articles.newArticle(SampleArticles.BRIDGE_TITLE, SampleArticles.BRIDGE);
        articles.send(
                0,
                article.id(),
                Articles.PUBLISHED,
                UUID.randomUUID().toString(),
                Articles.snapshot(article, article.createdAt()));
        articles.send(
                0,
                article.id(),
                Articles.DELETED,
                UUID.randomUUID().toString(),
                Articles.deletion(article, article.createdAt().plusSeconds(120)));
        articles.send(
                0,
                article.id(),
                Articles.UPDATED,
                UUID.randomUUID().toString(),
                Articles.snapshot(article, article.createdAt().plusSeconds(600)));
        articles.awaitMarkerOnPartitionZero();

        ArticleText projected = articles.projected(article.id());
        assertThat(projected.deleted()).isTrue();
        assertThat(projected.body()).isNull();
    }

    @Test
    void aWithdrawnArticleIsForgottenAsADeletedOneAndALaterUpdateDoesNotBringItBack() {
        TestArticle article = Articles.newArticle(SampleArticles.BRIDGE_TITLE, SampleArticles.BRIDGE);
        Instant withdrawnAt = article.createdAt().plusSeconds(120);
        articles.send(
                0,
                article.id(),
                Articles.PUBLISHED,
                UUID.randomUUID().toString(),
                Articles.snapshot(article, article.createdAt()));
        articles.send(
                0,
                article.id(),
                Articles.WITHDRAWN,
                UUID.randomUUID().toString(),
                Articles.withdrawal(article, withdrawnAt));
        articles.send(
                0,
                article.id(),
                Articles.UPDATED,
                UUID.randomUUID().toString(),
                Articles.snapshot(article, article.createdAt().plusSeconds(600)));
        articles.awaitMarkerOnPartitionZero();

        ArticleText projected = articles.projected(article.id());
        assertThat(projected.deleted()).isTrue();
        assertThat(projected.body()).isNull();
        assertThat(projected.title()).isNull();
        assertThat(projected.changedAt()).isEqualTo(withdrawnAt);
        ask.question(article.slug(), "How much did the repair cost?")
                .expectStatus()
                .isNotFound()
                .expectBody()
                .json("{\"errors\":{\"article\":[\"not found\"]}}");
    }

    @Test
    void aRedeliveredOrReplayedEventChangesNothing() {
        TestArticle article = Articles.newArticle(SampleArticles.BRIDGE_TITLE, SampleArticles.BRIDGE);
        TestArticle corrected = article.withBody("Corrected text.");
        String publishedData = Articles.snapshot(article, article.createdAt());
        String updatedData = Articles.snapshot(corrected, article.createdAt().plusSeconds(60));
        String published = UUID.randomUUID().toString();
        String updated = UUID.randomUUID().toString();
        articles.send(0, article.id(), Articles.PUBLISHED, published, publishedData);
        articles.send(0, article.id(), Articles.UPDATED, updated, updatedData);
        ArticleText afterUpdate = articles.awaitProjected(article.id(), found -> updated.equals(found.lastEventId()));

        articles.send(0, article.id(), Articles.UPDATED, updated, updatedData);
        articles.send(0, article.id(), Articles.PUBLISHED, published, publishedData);
        articles.awaitMarkerOnPartitionZero();

        assertThat(articles.projected(article.id())).isEqualTo(afterUpdate);
        assertThat(afterUpdate.body()).isEqualTo("Corrected text.");
    }

    @Test
    void aPoisonRecordLandsInTheDeadLetterTopicAndTheNextRecordIsStillApplied() {
        TestArticle article = Articles.newArticle(SampleArticles.BRIDGE_TITLE, SampleArticles.BRIDGE);
        String poison = UUID.randomUUID().toString();
        String incomplete = UUID.randomUUID().toString();
        try (TopicReader deadLetters = new TopicReader(DLQ)) {
            articles.send(0, article.id(), Articles.PUBLISHED, poison, "{\"articleId\": not json");
            articles.send(0, article.id(), Articles.UPDATED, incomplete, "{\"articleId\":\"" + article.id() + "\"}");
            articles.send(
                    0,
                    article.id(),
                    Articles.PUBLISHED,
                    UUID.randomUUID().toString(),
                    Articles.snapshot(article, article.createdAt()));

            articles.awaitProjected(article.id(), found -> !found.deleted());
            List<TopicReader.Event> dead = deadLetters.await(
                    event ->
                            List.of(poison, incomplete).contains(event.headers().get("ce_id")),
                    2,
                    Duration.ofSeconds(30));

            assertThat(dead).extracting(event -> event.headers().get("ce_id")).containsExactly(poison, incomplete);
            assertThat(dead.get(0).value()).isEqualTo("{\"articleId\": not json");
            assertThat(dead.get(0).key()).isEqualTo(article.id());
        }
    }

    @Test
    void unknownEventTypesAreIgnored() {
        TestArticle article = Articles.newArticle(SampleArticles.BRIDGE_TITLE, SampleArticles.BRIDGE);
        articles.send(
                0,
                article.id(),
                "newsroom.article.favorited.v1",
                UUID.randomUUID().toString(),
                "{\"articleId\":\"" + article.id() + "\"}");
        articles.send(
                0,
                article.id(),
                "newsroom.article.reviewed.v9",
                UUID.randomUUID().toString(),
                "not even JSON");
        articles.awaitMarkerOnPartitionZero();

        assertThat(articles.projected(article.id())).isNull();
    }

    @Test
    void anArticleWithAnEmptyBodyIsKeptAndAnswersNothing() {
        TestArticle empty = articles.live("Just a title", "");

        ask.question(empty.slug(), "What happened?")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.answer.answered")
                .isEqualTo(false);
    }
}
