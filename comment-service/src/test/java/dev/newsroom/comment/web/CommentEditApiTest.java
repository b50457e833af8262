package dev.newsroom.comment.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.comment.Articles;
import dev.newsroom.comment.Articles.TestArticle;
import dev.newsroom.comment.CommentClient;
import dev.newsroom.comment.CommentServiceTest;
import dev.newsroom.comment.comment.Comment;
import dev.newsroom.comment.comment.CommentEvents;
import dev.newsroom.contracts.EventContracts;
import dev.newsroom.platform.messaging.TopicReader;
import dev.newsroom.platform.security.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@CommentServiceTest
class CommentEditApiTest {

    @Autowired
    WebTestClient web;

    @Autowired
    ReactiveMongoTemplate mongo;

    Articles articles;
    CommentClient comments;
    TestTokens.User reader;
    TestArticle article;

    @BeforeEach
    void setUp() {
        articles = new Articles(mongo);
        comments = new CommentClient(web);
        reader = TestTokens.newUser();
        article = articles.live(TestTokens.newUser().id());
    }

    @AfterEach
    void tearDown() {
        articles.close();
    }

    @Test
    void theAuthorEditsWithinTheWindowAnd200ShowsTheNewBodyAndEditedAt() {
        long id = comments.post(article.slug(), reader, "Teh first draft");

        comments.edit(article.slug(), id, reader, body("The first draft"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.comment.id")
                .isEqualTo(id)
                .jsonPath("$.comment.body")
                .isEqualTo("The first draft")
                .jsonPath("$.comment.author.username")
                .isEqualTo(reader.username())
                .jsonPath("$.comment.editedAt")
                .value(String.class, editedAt -> assertThat(editedAt).matches(CommentApiTest.TIMESTAMP));

        assertThat(comments.list(article.slug())).singleElement().satisfies(listed -> {
            assertThat(listed).containsEntry("body", "The first draft").containsKey("editedAt");
            assertThat(listed.get("updatedAt")).isEqualTo(listed.get("editedAt"));
        });
    }

    @Test
    void anEditPublishesAValidEditedEvent() {
        try (TopicReader topic = new TopicReader(CommentEvents.TOPIC)) {
            long id = comments.post(article.slug(), reader, "Before");
            comments.edit(article.slug(), id, reader, body("After"))
                    .expectStatus()
                    .isOk();

            List<TopicReader.Event> events =
                    topic.await(event -> article.id().equals(event.key()), 2, Duration.ofSeconds(20));

            assertThat(events)
                    .extracting(TopicReader.Event::type)
                    .containsExactly(CommentEvents.POSTED, CommentEvents.EDITED);
            TopicReader.Event edited = events.get(1);
            EventContracts.assertValid(edited.type(), edited.value());
            assertThat(edited.headers()).containsEntry("ce_subject", String.valueOf(id));
            JsonNode data = JsonMapper.shared().readTree(edited.value());
            assertThat(data.path("body").asString()).isEqualTo("After");
            assertThat(data.path("authorId").asString()).isEqualTo(reader.id());
        }
    }

    @Test
    void afterTheWindowTheAuthorGets403AndTheCommentStaysAsItWas() {
        long id = comments.post(article.slug(), reader, "Old news");
        mongo.updateFirst(
                        new Query(Criteria.where("_id").is(id)),
                        new Update().set("createdAt", Instant.now().minus(Duration.ofMinutes(16))),
                        Comment.class)
                .block();

        comments.edit(article.slug(), id, reader, body("Rewritten history"))
                .expectStatus()
                .isForbidden()
                .expectBody()
                .json("{\"errors\":{\"comment\":[\"can no longer be edited\"]}}", true);

        assertThat(comments.list(article.slug()))
                .singleElement()
                .satisfies(listed ->
                        assertThat(listed).containsEntry("body", "Old news").doesNotContainKey("editedAt"));
    }

    @Test
    void nobodyElseMayEditNotEvenTheArticlesAuthorOrAModerator() {
        long id = comments.post(article.slug(), reader, "Mine");

        for (TestTokens.User other : List.of(TestTokens.newUser(), TestTokens.moderator())) {
            comments.edit(article.slug(), id, other, body("Theirs"))
                    .expectStatus()
                    .isForbidden()
                    .expectBody()
                    .json("{\"errors\":{\"comment\":[\"forbidden\"]}}", true);
        }
        assertThat(comments.list(article.slug()))
                .singleElement()
                .satisfies(listed -> assertThat(listed).containsEntry("body", "Mine"));
    }

    @Test
    void editsAreValidatedLikePosts() {
        long id = comments.post(article.slug(), reader, "Valid");

        comments.edit(article.slug(), id, reader, body(" "))
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .json("{\"errors\":{\"body\":[\"can't be blank\"]}}", true);
        comments.edit(article.slug(), id, reader, body("x".repeat(5001)))
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .json("{\"errors\":{\"body\":[\"is too long (maximum is 5000 characters)\"]}}", true);
        for (String request : List.of("{}", "{\"comment\":null}")) {
            comments.edit(article.slug(), id, reader, request)
                    .expectStatus()
                    .isEqualTo(422)
                    .expectBody()
                    .json("{\"errors\":{\"comment\":[\"can't be blank\"]}}", true);
        }
        for (String malformed : List.of("{\"comment\":", "[]", "{\"comment\":{\"body\":[1]}}")) {
            comments.edit(article.slug(), id, reader, malformed)
                    .expectStatus()
                    .isEqualTo(422)
                    .expectBody()
                    .jsonPath("$.errors")
                    .exists();
        }
    }

    @Test
    void unknownOrDeletedCommentsAnswer404AndAMissingTokenAnswers401() {
        long id = comments.post(article.slug(), reader, "Soon gone");
        comments.delete(article.slug(), id, reader).expectStatus().isNoContent();

        for (Object unknown : List.of(id, "abc", 99999999L, -1)) {
            comments.edit(article.slug(), unknown, reader, body("Hello"))
                    .expectStatus()
                    .isNotFound()
                    .expectBody()
                    .json("{\"errors\":{\"comment\":[\"not found\"]}}", true);
        }
        web.put()
                .uri("/api/articles/{slug}/comments/{id}", article.slug(), id)
                .bodyValue(body("Anonymous"))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .json("{\"errors\":{\"token\":[\"is missing\"]}}", true);
    }

    private static Map<String, Object> body(String body) {
        return Map.of("comment", Map.of("body", body));
    }
}
