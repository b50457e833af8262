package dev.newsroom.comment.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.comment.Articles;
import dev.newsroom.comment.Articles.TestArticle;
import dev.newsroom.comment.CommentClient;
import dev.newsroom.comment.CommentServiceTest;
import dev.newsroom.comment.comment.Comment;
import dev.newsroom.comment.comment.CommentDeletion;
import dev.newsroom.comment.comment.CommentEvents;
import dev.newsroom.contracts.EventContracts;
import dev.newsroom.platform.messaging.TopicReader;
import dev.newsroom.platform.security.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An article's deletion, arriving from article-service, deletes its comments and publishes that. */
@CommentServiceTest
class ArticleDeletionCascadeTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    WebTestClient web;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    CommentDeletion service;

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
    void deletingAnArticleDeletesEachLiveCommentOnceWithAValidEventEvenWhenRedelivered() {
        TestTokens.User author = TestTokens.newUser();
        TestTokens.User reader = TestTokens.newUser();
        TestArticle article = articles.live(author.id());
        long first = comments.post(article.slug(), reader, "First");
        long reply = comments.post(article.slug(), author, "Reply", first);
        long gone = comments.post(article.slug(), reader, "Deleted before");
        comments.delete(article.slug(), gone, reader).expectStatus().isNoContent();
        topic.await(event -> article.id().equals(event.key()), 4, WAIT);

        Instant deletedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String deletionId = UUID.randomUUID().toString();
        String deletion = Articles.deletion(article, deletedAt);
        articles.send(null, article.id(), Articles.DELETED, deletionId, deletion);

        List<TopicReader.Event> removals = topic.await(
                event -> article.id().equals(event.key()) && event.value().contains(CommentEvents.ARTICLE_DELETED),
                2,
                WAIT);
        assertThat(removals).allSatisfy(event -> {
            assertThat(event.type()).isEqualTo(CommentEvents.DELETED);
            EventContracts.assertValid(event.type(), event.value());
            JsonNode data = JsonMapper.shared().readTree(event.value());
            assertThat(data.path("deletedBy").asString()).isEqualTo(author.id());
            assertThat(data.path("reason").asString()).isEqualTo(CommentEvents.ARTICLE_DELETED);
            assertThat(data.path("deletedAt").asString()).isEqualTo(deletedAt.toString());
        });
        assertThat(removals)
                .extracting(event -> event.headers().get("ce_subject"))
                .containsExactlyInAnyOrder(String.valueOf(first), String.valueOf(reply));
        assertThat(liveCommentsOf(article.id())).isZero();

        // Redelivered, or replayed from the start: nothing is left to delete, nothing more is published.
        articles.send(null, article.id(), Articles.DELETED, deletionId, deletion);
        articles.send(null, article.id(), Articles.DELETED, UUID.randomUUID().toString(), deletion);
        // Each comment's events are in order; different comments' may interleave (own outboxes).
        assertThat(topic.settle(event -> article.id().equals(event.key()), Duration.ofSeconds(3)))
                .extracting(TopicReader.Event::type)
                .containsExactlyInAnyOrder(
                        CommentEvents.POSTED,
                        CommentEvents.POSTED,
                        CommentEvents.POSTED,
                        CommentEvents.DELETED,
                        CommentEvents.DELETED,
                        CommentEvents.DELETED);
    }

    @Test
    void deletingAllUnderAnArticleTwiceDeletesNothingTheSecondTime() {
        TestTokens.User reader = TestTokens.newUser();
        TestArticle article = articles.live(TestTokens.newUser().id());
        comments.post(article.slug(), reader, "One");
        comments.post(article.slug(), reader, "Two");

        assertThat(service.deleteAllUnder(article.id(), CommentEvents.SYSTEM, Instant.now())
                        .block())
                .isEqualTo(2);
        assertThat(service.deleteAllUnder(article.id(), CommentEvents.SYSTEM, Instant.now())
                        .block())
                .isZero();
        assertThat(mongo.find(new Query(Criteria.where("articleId").is(article.id())), Comment.class)
                        .collectList()
                        .block())
                .allSatisfy(comment -> {
                    assertThat(comment.deleted()).isTrue();
                    assertThat(comment.body()).isNull();
                    assertThat(comment.deletedBy()).isEqualTo(CommentEvents.SYSTEM);
                });
    }

    private long liveCommentsOf(String articleId) {
        return mongo.count(
                        new Query(Criteria.where("articleId")
                                .is(articleId)
                                .and("deleted")
                                .ne(true)),
                        Comment.class)
                .block();
    }
}
