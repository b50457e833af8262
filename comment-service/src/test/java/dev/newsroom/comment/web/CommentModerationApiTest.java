package dev.newsroom.comment.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.comment.Articles;
import dev.newsroom.comment.Articles.TestArticle;
import dev.newsroom.comment.CommentServiceTest;
import dev.newsroom.comment.comment.CommentEvents;
import dev.newsroom.contracts.EventContracts;
import dev.newsroom.platform.messaging.TopicReader;
import dev.newsroom.platform.security.TestTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@CommentServiceTest
class CommentModerationApiTest {

    static final String LINKS = "Sources: https://one.example/a https://two.example/b https://three.example/c";

    @Autowired
    WebTestClient web;

    @Autowired
    ReactiveMongoTemplate mongo;

    Articles articles;
    TestArticle article;
    TestTokens.User author;
    TestTokens.User reader;
    TestTokens.User moderator;

    @BeforeEach
    void setUp() {
        articles = new Articles(mongo);
        author = TestTokens.newUser();
        reader = TestTokens.newUser();
        moderator = TestTokens.moderator();
        article = articles.live(author.id());
    }

    @AfterEach
    void tearDown() {
        articles.close();
    }

    @Test
    void aCommentWithTooManyLinksIsHeldAndSeenOnlyByItsAuthorAndModerators() {
        JsonNode held = post(reader, LINKS, 201);
        assertThat(held.path("status").asString()).isEqualTo("held");
        assertThat(held.path("moderation").path("reasons").get(0).asString())
                .isEqualTo("has too many links (at most 2)");
        post(reader, "A plain comment.", 201);

        assertThat(bodies(null)).containsExactly("A plain comment.");
        assertThat(bodies(author)).as("even the article's author").containsExactly("A plain comment.");
        assertThat(bodies(reader)).containsExactly(LINKS, "A plain comment.");
        assertThat(bodies(moderator)).containsExactly(LINKS, "A plain comment.");
        assertThat(count()).as("held comments are not counted").isEqualTo(1);
    }

    @Test
    void bannedWordsAreRefusedWith422SayingWhyAndNothingIsStored() {
        web.post()
                .uri("/api/articles/{slug}/comments", article.slug())
                .header(HttpHeaders.AUTHORIZATION, reader.authorization())
                .bodyValue(Map.of("comment", Map.of("body", "Win big at the CASINO tonight")))
                .exchange()
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .json("{\"errors\":{\"body\":[\"contains words that are not allowed\"]}}");

        assertThat(bodies(moderator)).isEmpty();
    }

    @Test
    void theSameTextTwiceFromOneAuthorIsRefusedButAnotherAuthorMaySayIt() {
        post(reader, "First!", 201);

        web.post()
                .uri("/api/articles/{slug}/comments", article.slug())
                .header(HttpHeaders.AUTHORIZATION, reader.authorization())
                .bodyValue(Map.of("comment", Map.of("body", "  first ")))
                .exchange()
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.errors.body[0]")
                .isEqualTo("repeats a comment you posted just now");
        post(TestTokens.newUser(), "First!", 201);
    }

    @Test
    void moderatorsListHeldCommentsOldestFirstWithTheirArticleAndPageThroughThem() {
        long first = post(reader, LINKS + " 1", 201).path("id").asLong();
        long second = post(reader, LINKS + " 2", 201).path("id").asLong();

        JsonNode queue = queue("?limit=100", moderator);
        List<Long> ids = ids(queue);
        assertThat(ids).containsSubsequence(first, second);
        JsonNode entry = find(queue, first);
        assertThat(entry.path("article").path("slug").asString()).isEqualTo(article.slug());
        assertThat(entry.path("article").path("title").asString()).isEqualTo("A story");
        assertThat(entry.has("authorId")).isFalse();
        assertThat(entry.path("author").has("username")).isTrue();

        JsonNode page = queue("?limit=1", moderator);
        assertThat(page.path("comments")).hasSize(1);
        String cursor = page.path("nextCursor").asString();
        JsonNode next = queue("?limit=1&after=" + cursor, moderator);
        assertThat(ids(next)).doesNotContain(ids(page).get(0));
    }

    @Test
    void theQueueAndTheDecisionsNeedTheModeratorRole() {
        long id = post(reader, LINKS, 201).path("id").asLong();

        web.get().uri("/api/moderation/comments").exchange().expectStatus().isUnauthorized();
        web.get()
                .uri("/api/moderation/comments")
                .header(HttpHeaders.AUTHORIZATION, author.authorization())
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.errors.role[0]")
                .isEqualTo("is not allowed to do this");
        web.post()
                .uri("/api/moderation/comments/{id}/approve", id)
                .header(HttpHeaders.AUTHORIZATION, reader.authorization())
                .exchange()
                .expectStatus()
                .isForbidden();
        web.get()
                .uri("/api/moderation/comments?limit=0")
                .header(HttpHeaders.AUTHORIZATION, moderator.authorization())
                .exchange()
                .expectStatus()
                .isEqualTo(422);
        web.get()
                .uri("/api/moderation/comments?after=nonsense")
                .header(HttpHeaders.AUTHORIZATION, moderator.authorization())
                .exchange()
                .expectStatus()
                .isEqualTo(422);
    }

    @Test
    void approvingPublishesAHeldCommentAndRejectingHidesAPublishedOneWithTheirEvents() {
        TopicReader topic = new TopicReader(CommentEvents.TOPIC);
        try {
            long held = post(reader, LINKS, 201).path("id").asLong();
            long published = post(reader, "Calm and sensible.", 201).path("id").asLong();

            assertThat(decide(held, "approve").path("status").asString()).isEqualTo("published");
            assertThat(decide(published, "reject").path("status").asString()).isEqualTo("rejected");
            assertThat(decide(published, "reject").path("status").asString())
                    .as("deciding again changes nothing")
                    .isEqualTo("rejected");

            assertThat(bodies(null)).containsExactly(LINKS);
            assertThat(bodies(reader)).containsExactly(LINKS, "Calm and sensible.");
            assertThat(count()).isEqualTo(1);

            topic.await(event -> article.id().equals(event.key()), 5, Duration.ofSeconds(30));
            List<TopicReader.Event> events =
                    topic.settle(event -> article.id().equals(event.key()), Duration.ofSeconds(2));
            events.forEach(event -> EventContracts.assertValid(event.type(), event.value()));
            // Order holds per comment (each comment's events sit in its own document's outbox); the
            // two comments' events are relayed independently and may interleave either way.
            JsonMapper json = JsonMapper.shared();
            List<JsonNode> ofHeld = new ArrayList<>();
            List<JsonNode> ofPublished = new ArrayList<>();
            List<String> heldTypes = new ArrayList<>();
            List<String> publishedTypes = new ArrayList<>();
            for (TopicReader.Event event : events) {
                JsonNode data = json.readTree(event.value());
                boolean isHeld = data.path("commentId").asLong() == held;
                (isHeld ? ofHeld : ofPublished).add(data);
                (isHeld ? heldTypes : publishedTypes).add(event.type());
            }
            assertThat(heldTypes)
                    .containsExactly(CommentEvents.POSTED, CommentEvents.MODERATED, CommentEvents.MODERATED);
            assertThat(publishedTypes).containsExactly(CommentEvents.POSTED, CommentEvents.MODERATED);
            assertThat(ofHeld.get(0).path("status").asString()).isEqualTo("held");
            JsonNode holding = ofHeld.get(1);
            assertThat(holding.path("decision").asString()).isEqualTo("held");
            assertThat(holding.path("previousStatus").isNull()).isTrue();
            JsonNode approval = ofHeld.get(2);
            assertThat(approval.path("decision").asString()).isEqualTo("approved");
            assertThat(approval.path("previousStatus").asString()).isEqualTo("held");
            assertThat(approval.path("moderatorId").asString()).isEqualTo(moderator.id());
            assertThat(ofPublished.get(0).path("status").asString()).isEqualTo("published");
            JsonNode rejection = ofPublished.get(1);
            assertThat(rejection.path("decision").asString()).isEqualTo("rejected");
            assertThat(rejection.path("previousStatus").asString()).isEqualTo("published");
        } finally {
            topic.close();
        }
    }

    @Test
    void anEditThatWouldBeHeldSendsAPublishedCommentBackToTheModerators() {
        long id = post(reader, "Short and clean.", 201).path("id").asLong();

        web.put()
                .uri("/api/articles/{slug}/comments/{id}", article.slug(), id)
                .header(HttpHeaders.AUTHORIZATION, reader.authorization())
                .bodyValue(Map.of("comment", Map.of("body", LINKS)))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.comment.status")
                .isEqualTo("held");
        web.put()
                .uri("/api/articles/{slug}/comments/{id}", article.slug(), id)
                .header(HttpHeaders.AUTHORIZATION, reader.authorization())
                .bodyValue(Map.of("comment", Map.of("body", "cialis")))
                .exchange()
                .expectStatus()
                .isEqualTo(422);

        assertThat(bodies(null)).isEmpty();
        assertThat(ids(queue("?limit=100", moderator))).contains(id);
    }

    @Test
    void decisionsOnUnknownIdsOfAnyShapeAre404AndHiddenCommentsCannotBeDeletedByOthers() {
        long id = post(reader, LINKS, 201).path("id").asLong();
        for (String unknown : List.of("99999999", "abc", "-1")) {
            web.post()
                    .uri("/api/moderation/comments/{id}/approve", unknown)
                    .header(HttpHeaders.AUTHORIZATION, moderator.authorization())
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectBody()
                    .json("{\"errors\":{\"comment\":[\"not found\"]}}");
        }
        web.delete()
                .uri("/api/articles/{slug}/comments/{id}", article.slug(), id)
                .header(HttpHeaders.AUTHORIZATION, author.authorization())
                .exchange()
                .expectStatus()
                .isNotFound();
        web.delete()
                .uri("/api/articles/{slug}/comments/{id}", article.slug(), id)
                .header(HttpHeaders.AUTHORIZATION, reader.authorization())
                .exchange()
                .expectStatus()
                .isNoContent();
    }

    private JsonNode post(TestTokens.User user, String body, int status) {
        byte[] response = web.post()
                .uri("/api/articles/{slug}/comments", article.slug())
                .header(HttpHeaders.AUTHORIZATION, user.authorization())
                .bodyValue(Map.of("comment", Map.of("body", body)))
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectBody()
                .returnResult()
                .getResponseBody();
        return JsonMapper.shared().readTree(response).path("comment");
    }

    private JsonNode decide(long id, String decision) {
        byte[] response = web.post()
                .uri("/api/moderation/comments/{id}/{decision}", id, decision)
                .header(HttpHeaders.AUTHORIZATION, moderator.authorization())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody();
        return JsonMapper.shared().readTree(response).path("comment");
    }

    private List<String> bodies(TestTokens.User viewer) {
        WebTestClient.RequestHeadersSpec<?> request = web.get().uri("/api/articles/{slug}/comments", article.slug());
        if (viewer != null) {
            request = request.header(HttpHeaders.AUTHORIZATION, viewer.authorization());
        }
        byte[] response = request.exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody();
        return JsonMapper.shared()
                .readTree(response)
                .path("comments")
                .valueStream()
                .map(comment -> comment.path("body").asString())
                .toList();
    }

    private JsonNode queue(String query, TestTokens.User viewer) {
        byte[] response = web.get()
                .uri("/api/moderation/comments" + query)
                .header(HttpHeaders.AUTHORIZATION, viewer.authorization())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody();
        return JsonMapper.shared().readTree(response);
    }

    private static List<Long> ids(JsonNode page) {
        return page.path("comments")
                .valueStream()
                .map(comment -> comment.path("id").asLong())
                .toList();
    }

    private static JsonNode find(JsonNode page, long id) {
        return page.path("comments")
                .valueStream()
                .filter(comment -> comment.path("id").asLong() == id)
                .findFirst()
                .orElseThrow();
    }

    private long count() {
        byte[] response = web.post()
                .uri("/internal/comments/counts")
                .header(HttpHeaders.AUTHORIZATION, TestTokens.serviceAuthorization())
                .bodyValue(Map.of("articleIds", List.of(article.id())))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody();
        return JsonMapper.shared()
                .readTree(response)
                .path("counts")
                .path(article.id())
                .asLong();
    }
}
