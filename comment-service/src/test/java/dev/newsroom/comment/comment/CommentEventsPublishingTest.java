package dev.newsroom.comment.comment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.comment.Articles;
import dev.newsroom.comment.Articles.TestArticle;
import dev.newsroom.comment.CommentServiceTest;
import dev.newsroom.contracts.EventContracts;
import dev.newsroom.platform.messaging.TopicReader;
import dev.newsroom.platform.outbox.OutboxRelay;
import dev.newsroom.platform.security.TestTokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the outbox publishes on {@code newsroom.comments.v1} as comments change through the API. */
@CommentServiceTest
class CommentEventsPublishingTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    WebTestClient web;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    OutboxRelay relay;

    Articles articles;
    TopicReader topic;

    @BeforeEach
    void setUp() {
        articles = new Articles(mongo);
        topic = new TopicReader(CommentEvents.TOPIC);
    }

    @AfterEach
    void tearDown() {
        topic.close();
        articles.close();
        if (!relay.isRunning()) {
            relay.start();
        }
    }

    @Test
    void postingAndDeletingPublishEachEventOnceKeyedByArticleAndValidAgainstTheContracts() {
        TestTokens.User author = TestTokens.newUser();
        TestTokens.User moderator = TestTokens.moderator();
        TestArticle article = articles.live(author.id());
        long id = post(article, TestTokens.newUser(), "Worth reading.");
        web.delete()
                .uri("/api/articles/{slug}/comments/{id}", article.slug(), id)
                .header(HttpHeaders.AUTHORIZATION, moderator.authorization())
                .exchange()
                .expectStatus()
                .isNoContent();

        List<TopicReader.Event> events = topic.await(event -> article.id().equals(event.key()), 2, WAIT);
        assertThat(topic.settle(event -> article.id().equals(event.key()), Duration.ofSeconds(2)))
                .as("in order, each once")
                .extracting(TopicReader.Event::type)
                .containsExactly(CommentEvents.POSTED, CommentEvents.DELETED);
        events.forEach(event -> EventContracts.assertValid(event.type(), event.value()));

        TopicReader.Event posted = events.get(0);
        assertThat(posted.headers())
                .containsEntry("ce_specversion", "1.0")
                .containsEntry("ce_source", "/newsroom/comment-service")
                .containsEntry("ce_subject", String.valueOf(id))
                .containsEntry("content-type", "application/json")
                .containsKeys("ce_id", "ce_time");
        JsonNode postedData = JsonMapper.shared().readTree(posted.value());
        assertThat(postedData.path("commentId").asLong()).isEqualTo(id);
        assertThat(postedData.path("articleId").asString()).isEqualTo(article.id());
        assertThat(postedData.path("body").asString()).isEqualTo("Worth reading.");

        JsonNode deletedData = JsonMapper.shared().readTree(events.get(1).value());
        assertThat(deletedData.path("commentId").asLong()).isEqualTo(id);
        assertThat(deletedData.path("deletedBy").asString()).isEqualTo(moderator.id());
        assertThat(pendingEvents(id)).as("relayed events leave the outbox").isZero();
    }

    @Test
    void aDeletedCommentKeepsItsDocumentWithoutItsBodyUntilItsEventIsRelayed() {
        TestTokens.User reader = TestTokens.newUser();
        TestArticle article = articles.live(TestTokens.newUser().id());
        long id = post(article, reader, "Regrettable.");
        topic.await(event -> article.id().equals(event.key()), 1, WAIT);
        relay.stop();

        web.delete()
                .uri("/api/articles/{slug}/comments/{id}", article.slug(), id)
                .header(HttpHeaders.AUTHORIZATION, reader.authorization())
                .exchange()
                .expectStatus()
                .isNoContent();

        Comment stored = mongo.findById(id, Comment.class).block();
        assertThat(stored.deleted()).isTrue();
        assertThat(stored.body()).isNull();
        assertThat(stored.deletedBy()).isEqualTo(reader.id());
        assertThat(stored.outbox())
                .singleElement()
                .satisfies(event -> assertThat(event.type()).isEqualTo(CommentEvents.DELETED));
        assertThat(topic.settle(event -> article.id().equals(event.key()), Duration.ofSeconds(1)))
                .hasSize(1);

        relay.start();

        assertThat(topic.await(event -> article.id().equals(event.key()), 2, WAIT))
                .extracting(TopicReader.Event::type)
                .containsExactly(CommentEvents.POSTED, CommentEvents.DELETED);
    }

    @Test
    void aReplysPostedEventNamesItsParentAndTopLevelOnesDoNot() {
        TestTokens.User reader = TestTokens.newUser();
        TestArticle article = articles.live(TestTokens.newUser().id());
        long parent = post(article, reader, "Question?");
        web.post()
                .uri("/api/articles/{slug}/comments", article.slug())
                .header(HttpHeaders.AUTHORIZATION, reader.authorization())
                .bodyValue(Map.of("comment", Map.of("body", "Answer.", "parentId", parent)))
                .exchange()
                .expectStatus()
                .isCreated();

        List<TopicReader.Event> events = topic.await(event -> article.id().equals(event.key()), 2, WAIT);

        events.forEach(event -> EventContracts.assertValid(event.type(), event.value()));
        // Two comments' events are relayed independently: which arrives first is not the point here.
        Map<Boolean, JsonNode> byIsParent = events.stream()
                .map(event -> JsonMapper.shared().readTree(event.value()))
                .collect(Collectors.toMap(data -> data.path("commentId").asLong() == parent, data -> data));
        assertThat(byIsParent.get(true).has("parentId")).isFalse();
        assertThat(byIsParent.get(false).path("parentId").asLong()).isEqualTo(parent);
    }

    @Test
    void aRefusedCommentPublishesNothing() {
        TestArticle article = articles.live(TestTokens.newUser().id());
        web.post()
                .uri("/api/articles/{slug}/comments", article.slug())
                .header(HttpHeaders.AUTHORIZATION, TestTokens.newUser().authorization())
                .bodyValue(Map.of("comment", Map.of("body", " ")))
                .exchange()
                .expectStatus()
                .isEqualTo(422);

        assertThat(topic.settle(event -> article.id().equals(event.key()), Duration.ofSeconds(2)))
                .isEmpty();
    }

    private long post(TestArticle article, TestTokens.User user, String body) {
        Map<?, ?> response = web.post()
                .uri("/api/articles/{slug}/comments", article.slug())
                .header(HttpHeaders.AUTHORIZATION, user.authorization())
                .bodyValue(Map.of("comment", Map.of("body", body)))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return ((Number) ((Map<?, ?>) response.get("comment")).get("id")).longValue();
    }

    private int pendingEvents(long id) {
        Document stored = mongo.findById(id, Document.class, Comment.COLLECTION).block();
        List<?> outbox = stored.getList("outbox", Object.class);
        return outbox == null ? 0 : outbox.size();
    }
}
