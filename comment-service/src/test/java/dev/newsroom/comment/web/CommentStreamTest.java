package dev.newsroom.comment.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.comment.Articles;
import dev.newsroom.comment.Articles.TestArticle;
import dev.newsroom.comment.CommentServiceTest;
import dev.newsroom.comment.article.Article;
import dev.newsroom.platform.authors.AuthorProfiles;
import dev.newsroom.platform.authors.TestUsers;
import dev.newsroom.platform.security.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

@CommentServiceTest
class CommentStreamTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    WebTestClient web;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    AuthorProfiles profiles;

    Articles articles;
    TestUsers users;
    TestArticle article;
    TestTokens.User reader;

    @BeforeEach
    void setUp() {
        articles = new Articles(mongo);
        users = new TestUsers();
        article = articles.live(TestTokens.newUser().id());
        reader = users.known(profiles, TestTokens.newUser());
    }

    @AfterEach
    void tearDown() {
        articles.close();
        users.close();
    }

    @Test
    void aSubscriberSeesPublicCommentsPostedEditedAndDeletedButNotHeldOnesUntilApproved() throws Exception {
        try (CommentStreams stream = new CommentStreams(web, article.slug())) {
            stream.postUntilStreamed(attempt -> post("Warm-up " + attempt));

            long id = post("Live from the scene.");
            CommentStreams.Received posted = stream.next(event -> id(event) == id, WAIT);
            assertThat(posted.name()).isEqualTo("comment-posted");
            assertThat(posted.comment().path("body").asString()).isEqualTo("Live from the scene.");
            assertThat(posted.comment().path("author").path("username").asString())
                    .isEqualTo(reader.username());
            assertThat(posted.comment().has("authorId")).isFalse();

            edit(id, "Live from the scene, corrected.");
            CommentStreams.Received edited = stream.next(event -> id(event) == id, WAIT);
            assertThat(edited.name()).isEqualTo("comment-edited");
            assertThat(edited.comment().path("body").asString()).isEqualTo("Live from the scene, corrected.");

            long held = post("Links: https://a.example https://b.example https://c.example");
            assertThat(stream.poll(Duration.ofSeconds(2)))
                    .as("a held comment is not streamed")
                    .isNull();
            web.post()
                    .uri("/api/moderation/comments/{id}/approve", held)
                    .header(HttpHeaders.AUTHORIZATION, TestTokens.moderator().authorization())
                    .exchange()
                    .expectStatus()
                    .isOk();
            assertThat(stream.next(event -> id(event) == held, WAIT).name())
                    .as("approval publishes it live")
                    .isEqualTo("comment-posted");

            web.delete()
                    .uri("/api/articles/{slug}/comments/{id}", article.slug(), id)
                    .header(HttpHeaders.AUTHORIZATION, reader.authorization())
                    .exchange()
                    .expectStatus()
                    .isNoContent();
            CommentStreams.Received deleted = stream.next(event -> id(event) == id, WAIT);
            assertThat(deleted.name()).isEqualTo("comment-deleted");
            assertThat(deleted.comment().path("deleted").asBoolean()).isTrue();
        }
    }

    @Test
    void aDeletedArticlesCommentsAreRemovedLiveByItsCascade() throws Exception {
        try (CommentStreams stream = new CommentStreams(web, article.slug())) {
            long id = stream.postUntilStreamed(attempt -> post("Warm-up " + attempt));

            articles.deleted(article, Instant.now());

            CommentStreams.Received removed = stream.next(event -> id(event) == id, WAIT);
            assertThat(removed.name()).isEqualTo("comment-deleted");
            assertThat(removed.comment().path("deleted").asBoolean()).isTrue();
        }
    }

    @Test
    void aWithdrawnArticlesStreamEndsAndSendsNothingMoreOfItsKeptComments() throws Exception {
        try (CommentStreams stream = new CommentStreams(web, article.slug())) {
            stream.postUntilStreamed(attempt -> post("Warm-up " + attempt));
            long held = post("Links: https://a.example https://b.example https://c.example");

            articles.withdrawn(article, Instant.now());
            articles.awaitProjected(article.id(), Article::deleted);
            // The comment was kept, so a moderator may still approve it; the story's readers must not see it.
            web.post()
                    .uri("/api/moderation/comments/{id}/approve", held)
                    .header(HttpHeaders.AUTHORIZATION, TestTokens.moderator().authorization())
                    .exchange()
                    .expectStatus()
                    .isOk();

            assertThat(stream.ends(WAIT)).as("the stream ends").isTrue();
            for (CommentStreams.Received event = stream.poll(Duration.ZERO);
                    event != null;
                    event = stream.poll(Duration.ZERO)) {
                assertThat(id(event)).as("the approved comment is not sent").isNotEqualTo(held);
            }
        }
    }

    @Test
    void anUnknownArticlesStreamIs404() {
        web.get()
                .uri("/api/articles/{slug}/comments/stream", "no-such-story")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .json("{\"errors\":{\"article\":[\"not found\"]}}");
    }

    private static long id(CommentStreams.Received event) {
        return event.comment().path("id").asLong();
    }

    private long post(String body) {
        byte[] response = web.post()
                .uri("/api/articles/{slug}/comments", article.slug())
                .header(HttpHeaders.AUTHORIZATION, reader.authorization())
                .bodyValue(Map.of("comment", Map.of("body", body)))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody()
                .returnResult()
                .getResponseBody();
        return JsonMapper.shared().readTree(response).path("comment").path("id").asLong();
    }

    private void edit(long id, String body) {
        web.put()
                .uri("/api/articles/{slug}/comments/{id}", article.slug(), id)
                .header(HttpHeaders.AUTHORIZATION, reader.authorization())
                .bodyValue(Map.of("comment", Map.of("body", body)))
                .exchange()
                .expectStatus()
                .isOk();
    }
}
