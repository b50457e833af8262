package dev.newsroom.comment.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.comment.Articles;
import dev.newsroom.comment.Articles.TestArticle;
import dev.newsroom.comment.CommentClient;
import dev.newsroom.comment.CommentServiceTest;
import dev.newsroom.comment.article.Article;
import dev.newsroom.comment.comment.Comment;
import dev.newsroom.comment.comment.CommentEvents;
import dev.newsroom.platform.messaging.TopicReader;
import dev.newsroom.platform.security.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * An article's withdrawal, arriving from article-service, takes it out of comment-service as a
 * deletion does (its comments answer 404 like an unknown article's), but keeps its comments.
 */
@CommentServiceTest
class ArticleWithdrawalTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String NOT_FOUND = "{\"errors\":{\"article\":[\"not found\"]}}";

    @Autowired
    WebTestClient web;

    @Autowired
    ReactiveMongoTemplate mongo;

    Articles articles;
    CommentClient comments;
    TopicReader topic;

    @BeforeEach
    void setUp() {
        articles = new Articles(mongo);
        comments = new CommentClient(web);
        topic = new TopicReader(CommentEvents.TOPIC);
    }

    @AfterEach
    void tearDown() {
        topic.close();
        articles.close();
    }

    @Test
    void aWithdrawnArticleAnswers404AsAnUnknownOneButItsCommentsStayStoredAndUndeleted() {
        TestTokens.User author = TestTokens.newUser();
        TestTokens.User reader = TestTokens.newUser();
        TestArticle article = articles.live(author.id());
        long first = comments.post(article.slug(), reader, "First");
        long reply = comments.post(article.slug(), author, "Reply", first);
        topic.await(event -> article.id().equals(event.key()), 2, WAIT);

        Instant withdrawnAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String withdrawalId = UUID.randomUUID().toString();
        String withdrawal = Articles.withdrawal(article, withdrawnAt);
        articles.send(0, article.id(), Articles.WITHDRAWN, withdrawalId, withdrawal);
        Article tombstone = articles.awaitProjected(article.id(), Article::deleted);
        assertThat(tombstone.changedAt()).isEqualTo(withdrawnAt);
        assertThat(tombstone.slug()).isEqualTo(article.slug());

        web.get()
                .uri("/api/articles/{slug}/comments", article.slug())
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .json(NOT_FOUND);
        web.get()
                .uri("/api/articles/{slug}/comments?limit=10", article.slug())
                .exchange()
                .expectStatus()
                .isNotFound();
        web.get()
                .uri("/api/articles/{slug}/comments/stream", article.slug())
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .json(NOT_FOUND);
        comments.post(article.slug(), reader, CommentClient.comment("Too late", null))
                .expectStatus()
                .isNotFound()
                .expectBody()
                .json(NOT_FOUND);
        comments.edit(article.slug(), first, reader, Map.of("comment", Map.of("body", "Edited")))
                .expectStatus()
                .isNotFound();
        comments.delete(article.slug(), first, reader).expectStatus().isNotFound();

        // Redelivered, and an update arriving late: the article stays out, the comments stay in.
        articles.send(0, article.id(), Articles.WITHDRAWN, withdrawalId, withdrawal);
        articles.send(
                0,
                article.id(),
                Articles.UPDATED,
                UUID.randomUUID().toString(),
                Articles.snapshot(article, withdrawnAt.plusSeconds(60)));
        articles.awaitMarkerOnPartitionZero();

        assertThat(articles.projected(article.id())).isEqualTo(tombstone);
        List<Comment> kept = storedCommentsOf(article.id());
        assertThat(kept).extracting(Comment::id).containsExactlyInAnyOrder(first, reply);
        assertThat(kept).allSatisfy(comment -> assertThat(comment.deleted()).isFalse());
        assertThat(kept).extracting(Comment::body).containsExactlyInAnyOrder("First", "Reply");
        assertThat(topic.settle(event -> article.id().equals(event.key()), Duration.ofSeconds(3)))
                .as("a withdrawal publishes no comment event")
                .extracting(TopicReader.Event::type)
                .containsExactly(CommentEvents.POSTED, CommentEvents.POSTED);
    }

    @Test
    void aDeletionAfterTheWithdrawalStillDeletesTheComments() {
        TestTokens.User author = TestTokens.newUser();
        TestArticle article = articles.live(author.id());
        comments.post(article.slug(), TestTokens.newUser(), "Kept while withdrawn");
        topic.await(event -> article.id().equals(event.key()), 1, WAIT);
        articles.withdrawn(article, Instant.now());
        articles.awaitProjected(article.id(), Article::deleted);

        articles.deleted(article, Instant.now());

        List<TopicReader.Event> removals = topic.await(
                event -> article.id().equals(event.key()) && event.value().contains(CommentEvents.ARTICLE_DELETED),
                1,
                WAIT);
        assertThat(removals)
                .singleElement()
                .satisfies(event -> assertThat(event.type()).isEqualTo(CommentEvents.DELETED));
        assertThat(storedCommentsOf(article.id()))
                .singleElement()
                .satisfies(comment -> assertThat(comment.deleted()).isTrue());
    }

    private List<Comment> storedCommentsOf(String articleId) {
        return mongo.find(new Query(Criteria.where("articleId").is(articleId)), Comment.class)
                .collectList()
                .block();
    }
}
