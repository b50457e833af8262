package dev.newsroom.comment.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.comment.Articles;
import dev.newsroom.comment.Articles.TestArticle;
import dev.newsroom.comment.CommentServiceTest;
import dev.newsroom.comment.article.Article;
import dev.newsroom.platform.messaging.TopicReader;
import dev.newsroom.platform.security.TestTokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The projection of live articles, fed through the real broker as article-service feeds it. */
@CommentServiceTest
class ArticleEventsTest {

    static final String DLQ = "newsroom.articles.v1.comment-service.dlq";

    @Autowired
    WebTestClient web;

    @Autowired
    ReactiveMongoTemplate mongo;

    Articles articles;

    @BeforeEach
    void setUp() {
        articles = new Articles(mongo);
    }

    @AfterEach
    void tearDown() {
        articles.close();
    }

    @Test
    void aPublishedArticleBecomesVisibleWithItsSlugAndAuthor() {
        TestArticle article = Articles.newArticle(UUID.randomUUID().toString());
        String eventId = articles.published(article);

        Article projected = articles.awaitProjected(article.id(), found -> true);

        assertThat(projected.slug()).isEqualTo(article.slug());
        assertThat(projected.authorId()).isEqualTo(article.authorId());
        assertThat(projected.deleted()).isFalse();
        assertThat(projected.changedAt()).isEqualTo(article.createdAt());
        assertThat(projected.lastEventId()).isEqualTo(eventId);
        web.get()
                .uri("/api/articles/{slug}/comments", article.slug())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .json("{\"comments\":[]}");
    }

    @Test
    void aRedeliveredOrReplayedEventChangesNothing() {
        TestArticle article = Articles.newArticle(UUID.randomUUID().toString());
        String publishedData = Articles.snapshot(article, article.createdAt());
        String updatedData = Articles.snapshot(article, article.createdAt().plusSeconds(60));
        String published = UUID.randomUUID().toString();
        String updated = UUID.randomUUID().toString();
        // One partition, as article-service's key would give: the marker after them shows when all were read.
        articles.send(0, article.id(), Articles.PUBLISHED, published, publishedData);
        articles.send(0, article.id(), Articles.UPDATED, updated, updatedData);
        Article afterUpdate = articles.awaitProjected(article.id(), found -> updated.equals(found.lastEventId()));

        articles.send(0, article.id(), Articles.UPDATED, updated, updatedData);
        articles.send(0, article.id(), Articles.PUBLISHED, published, publishedData);
        articles.awaitMarkerOnPartitionZero();

        assertThat(articles.projected(article.id())).isEqualTo(afterUpdate);
    }

    @Test
    void aDeletedArticleRefusesCommentsAndAStaleUpdateArrivingLaterDoesNotBringItBack() {
        TestTokens.User reader = TestTokens.newUser();
        TestArticle article = Articles.newArticle(UUID.randomUUID().toString());
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
        articles.awaitProjected(article.id(), Article::deleted);

        articles.send(
                0,
                article.id(),
                Articles.UPDATED,
                UUID.randomUUID().toString(),
                Articles.snapshot(article, article.createdAt().plusSeconds(60)));
        articles.send(
                0,
                article.id(),
                Articles.UPDATED,
                UUID.randomUUID().toString(),
                Articles.snapshot(article, article.createdAt().plusSeconds(600)));
        articles.awaitMarkerOnPartitionZero();

        assertThat(articles.projected(article.id()).deleted()).isTrue();
        web.post()
                .uri("/api/articles/{slug}/comments", article.slug())
                .header(HttpHeaders.AUTHORIZATION, reader.authorization())
                .bodyValue(Map.of("comment", Map.of("body", "Too late")))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .json("{\"errors\":{\"article\":[\"not found\"]}}");
        web.get()
                .uri("/api/articles/{slug}/comments", article.slug())
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void aPoisonRecordLandsInTheDeadLetterTopicAndTheNextRecordIsStillApplied() {
        TestArticle article = Articles.newArticle(UUID.randomUUID().toString());
        String poison = UUID.randomUUID().toString();
        try (TopicReader deadLetters = new TopicReader(DLQ)) {
            articles.send(0, article.id(), Articles.PUBLISHED, poison, "{\"articleId\": not json");
            articles.send(
                    0,
                    article.id(),
                    Articles.PUBLISHED,
                    UUID.randomUUID().toString(),
                    Articles.snapshot(article, article.createdAt()));

            articles.awaitProjected(article.id(), found -> !found.deleted());
            List<TopicReader.Event> dead =
                    deadLetters.await(event -> poison.equals(event.headers().get("ce_id")), 1, Duration.ofSeconds(30));

            assertThat(dead).singleElement().satisfies(event -> {
                assertThat(event.key()).isEqualTo(article.id());
                assertThat(event.value()).isEqualTo("{\"articleId\": not json");
                assertThat(event.type()).isEqualTo(Articles.PUBLISHED);
            });
        }
    }

    @Test
    void recordsWithoutTheFieldsTheProjectionNeedsAreDeadLettersToo() {
        TestArticle article = Articles.newArticle(UUID.randomUUID().toString());
        String incomplete = UUID.randomUUID().toString();
        try (TopicReader deadLetters = new TopicReader(DLQ)) {
            articles.send(0, article.id(), Articles.UPDATED, incomplete, "{\"articleId\": \"" + article.id() + "\"}");
            articles.published(article);

            articles.awaitProjected(article.id(), found -> !found.deleted());
            assertThat(deadLetters.await(
                            event -> incomplete.equals(event.headers().get("ce_id")), 1, Duration.ofSeconds(30)))
                    .hasSize(1);
        }
    }

    @Test
    void unknownEventTypesAreIgnored() {
        TestArticle article = Articles.newArticle(UUID.randomUUID().toString());
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
}
