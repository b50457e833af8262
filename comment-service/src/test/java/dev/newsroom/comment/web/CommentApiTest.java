package dev.newsroom.comment.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.comment.Articles;
import dev.newsroom.comment.Articles.TestArticle;
import dev.newsroom.comment.CommentServiceTest;
import dev.newsroom.platform.security.TestTokens;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@CommentServiceTest
class CommentApiTest {

    static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    @Autowired
    WebTestClient web;

    @Autowired
    ReactiveMongoTemplate mongo;

    Articles articles;
    TestTokens.User author;
    TestArticle article;

    @BeforeEach
    void setUp() {
        articles = new Articles(mongo);
        author = TestTokens.newUser();
        article = articles.live(author.id());
    }

    @AfterEach
    void tearDown() {
        articles.close();
    }

    @Test
    void postingAnswers201WithTheCommentAndItsAuthorsProfile() {
        TestTokens.User reader = TestTokens.newUser();

        web.post()
                .uri("/api/articles/{slug}/comments", article.slug())
                .header(HttpHeaders.AUTHORIZATION, reader.authorization())
                .bodyValue(Map.of("comment", Map.of("body", "Thank you for this.")))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.comment.id")
                .value(id -> assertThat(id).isInstanceOf(Number.class))
                .jsonPath("$.comment.body")
                .isEqualTo("Thank you for this.")
                .jsonPath("$.comment.author.username")
                .isEqualTo(reader.username())
                .jsonPath("$.comment.author.following")
                .isEqualTo(false)
                .jsonPath("$.comment.createdAt")
                .value(String.class, createdAt -> assertThat(createdAt).matches(TIMESTAMP))
                .jsonPath("$.comment.updatedAt")
                .value(String.class, updatedAt -> assertThat(updatedAt).matches(TIMESTAMP))
                .jsonPath("$.comment.authorId")
                .doesNotExist();
    }

    @Test
    void bearerTokensAreAcceptedToo() {
        web.post()
                .uri("/api/articles/{slug}/comments", article.slug())
                .header(
                        HttpHeaders.AUTHORIZATION,
                        "Bearer " + TestTokens.newUser().token())
                .bodyValue(Map.of("comment", Map.of("body", "Bearer works")))
                .exchange()
                .expectStatus()
                .isCreated();
    }

    @Test
    void listingShowsTheArticlesCommentsOldestFirstWithOrWithoutAToken() {
        TestTokens.User reader = TestTokens.newUser();
        long first = post(reader, "First");
        long second = post(author, "Second");
        long third = post(reader, "Third");

        List<Map<String, Object>> listed = list(article.slug(), null);
        assertThat(listed)
                .extracting(comment -> ((Number) comment.get("id")).longValue())
                .containsExactly(first, second, third);
        assertThat(listed).extracting(comment -> comment.get("body")).containsExactly("First", "Second", "Third");
        Map<String, Object> unannounced = new java.util.HashMap<>();
        unannounced.put("username", null);
        unannounced.put("bio", null);
        unannounced.put("image", null);
        unannounced.put("following", false);
        assertThat(listed.get(1))
                .containsEntry("author", unannounced)
                .containsOnlyKeys("id", "createdAt", "updatedAt", "body", "author", "parentId", "depth", "status")
                .containsEntry("status", "published")
                .containsEntry("parentId", null)
                .containsEntry("depth", 0);

        assertThat(list(article.slug(), reader.authorization())).hasSize(3);
    }

    @Test
    void anArticleWithoutCommentsListsNone() {
        web.get()
                .uri("/api/articles/{slug}/comments", article.slug())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .json("{\"comments\":[]}", true);
    }

    @Test
    void commentsOfOtherArticlesAreNotListed() {
        TestArticle other = articles.live(author.id());
        post(author, "Under this one");
        postTo(other, author, "Under the other one");

        assertThat(list(other.slug(), null))
                .extracting(comment -> comment.get("body"))
                .containsExactly("Under the other one");
    }

    @Test
    void theAuthorDeletesTheirCommentWith204AndItIsNoLongerListed() {
        TestTokens.User reader = TestTokens.newUser();
        long kept = post(reader, "Kept");
        long removed = post(reader, "Removed");

        delete(article.slug(), removed, reader)
                .expectStatus()
                .isNoContent()
                .expectBody()
                .isEmpty();

        assertThat(list(article.slug(), null))
                .extracting(comment -> ((Number) comment.get("id")).longValue())
                .containsExactly(kept);
    }

    @Test
    void theArticlesAuthorMayDeleteAnyCommentUnderIt() {
        long comment = post(TestTokens.newUser(), "Off topic");

        delete(article.slug(), comment, author).expectStatus().isNoContent();

        assertThat(list(article.slug(), null)).isEmpty();
    }

    @Test
    void aModeratorMayDeleteAnyComment() {
        long comment = post(TestTokens.newUser(), "Rude");

        delete(article.slug(), comment, TestTokens.moderator()).expectStatus().isNoContent();

        assertThat(list(article.slug(), null)).isEmpty();
    }

    @Test
    void deletingSomeoneElsesCommentAnswers403AndKeepsIt() {
        long comment = post(TestTokens.newUser(), "Mine");

        delete(article.slug(), comment, TestTokens.newUser())
                .expectStatus()
                .isForbidden()
                .expectBody()
                .json("{\"errors\":{\"comment\":[\"forbidden\"]}}", true);

        assertThat(list(article.slug(), null)).hasSize(1);
    }

    @Test
    void deletingACommentTwiceAnswers404TheSecondTime() {
        TestTokens.User reader = TestTokens.newUser();
        long comment = post(reader, "Once");
        delete(article.slug(), comment, reader).expectStatus().isNoContent();

        delete(article.slug(), comment, reader)
                .expectStatus()
                .isNotFound()
                .expectBody()
                .json("{\"errors\":{\"comment\":[\"not found\"]}}", true);
    }

    @Test
    void unknownCommentIdsOfAnyShapeAnswer404() {
        for (String id : List.of(
                "99999999", "abc", "-1", "0", "1.5", "1e3", "99999999999999999999999999", "9223372036854775807")) {
            web.delete()
                    .uri("/api/articles/{slug}/comments/{id}", article.slug(), id)
                    .header(HttpHeaders.AUTHORIZATION, author.authorization())
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectBody()
                    .json("{\"errors\":{\"comment\":[\"not found\"]}}", true);
        }
    }

    @Test
    void aCommentIdOfAnotherArticleAnswers404() {
        TestArticle other = articles.live(author.id());
        long underOther = postTo(other, author, "Elsewhere");

        delete(article.slug(), underOther, author)
                .expectStatus()
                .isNotFound()
                .expectBody()
                .json("{\"errors\":{\"comment\":[\"not found\"]}}", true);
        assertThat(list(other.slug(), null)).hasSize(1);
    }

    @Test
    void blankOrMissingBodiesAnswer422() {
        for (String body : List.of(
                "{\"comment\":{\"body\":\"\"}}",
                "{\"comment\":{\"body\":\"  \\n\\t \"}}",
                "{\"comment\":{\"body\":null}}",
                "{\"comment\":{}}")) {
            postRaw(article.slug(), author, body)
                    .expectStatus()
                    .isEqualTo(422)
                    .expectBody()
                    .json("{\"errors\":{\"body\":[\"can't be blank\"]}}", true);
        }
    }

    @Test
    void aBodyOfAnotherJsonTypeAnswers422MustBeAString() {
        for (String body : List.of("5", "true", "[\"x\"]", "{\"a\":1}")) {
            postRaw(article.slug(), author, "{\"comment\":{\"body\":" + body + "}}")
                    .expectStatus()
                    .isEqualTo(422)
                    .expectBody()
                    .json("{\"errors\":{\"body\":[\"must be a string\"]}}", true);
        }
    }

    @Test
    void anUnknownArticleIs404EvenWhenTheBodyIsInvalid() {
        String unknown = "no-such-article-" + UUID.randomUUID();
        for (String body : List.of("{\"comment\":{\"body\":\"\"}}", "{\"comment\":null}", "{}")) {
            postRaw(unknown, author, body)
                    .expectStatus()
                    .isNotFound()
                    .expectBody()
                    .json("{\"errors\":{\"article\":[\"not found\"]}}", true);
        }
    }

    @Test
    void aMissingCommentEnvelopeOrRequestBodyAnswers422() {
        for (String body : List.of("{}", "{\"body\":\"not wrapped\"}", "{\"comment\":null}")) {
            postRaw(article.slug(), author, body)
                    .expectStatus()
                    .isEqualTo(422)
                    .expectBody()
                    .json("{\"errors\":{\"comment\":[\"can't be blank\"]}}", true);
        }
        web.post()
                .uri("/api/articles/{slug}/comments", article.slug())
                .header(HttpHeaders.AUTHORIZATION, author.authorization())
                .contentType(MediaType.APPLICATION_JSON)
                .exchange()
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .json("{\"errors\":{\"comment\":[\"can't be blank\"]}}", true);
    }

    @Test
    void aBodyOverTheLimitAnswers422SayingTheLimitAndOneAtTheLimitIsAccepted() {
        postRaw(article.slug(), author, "{\"comment\":{\"body\":\"" + "x".repeat(5001) + "\"}}")
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .json("{\"errors\":{\"body\":[\"is too long (maximum is 5000 characters)\"]}}", true);

        // Characters as people count them: 5000 emoji are 10000 UTF-16 chars and still allowed.
        postRaw(article.slug(), author, "{\"comment\":{\"body\":\"" + "\uD83D\uDE00".repeat(5000) + "\"}}")
                .expectStatus()
                .isCreated();
    }

    @Test
    void malformedJsonAndWrongTypesAnswer422NotA500() {
        for (String body : List.of(
                "{\"comment\": {\"body\": ",
                "[]",
                "{\"comment\":\"text\"}",
                "{\"comment\":{\"body\":{\"a\":1}}}",
                "x")) {
            postRaw(article.slug(), author, body)
                    .expectStatus()
                    .isEqualTo(422)
                    .expectBody()
                    .jsonPath("$.errors")
                    .exists();
        }
    }

    @Test
    void aHugeRequestBodyAnswers413() {
        postRaw(article.slug(), author, "{\"comment\":{\"body\":\"" + "x".repeat(200_000) + "\"}}")
                .expectStatus()
                .isEqualTo(413)
                .expectBody()
                .json("{\"errors\":{\"body\":[\"is too large\"]}}", true);
    }

    @Test
    void postingOrDeletingWithoutATokenAnswers401() {
        long comment = post(author, "Protected");

        web.post()
                .uri("/api/articles/{slug}/comments", article.slug())
                .bodyValue(Map.of("comment", Map.of("body", "Anonymous")))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .json("{\"errors\":{\"token\":[\"is missing\"]}}", true);
        web.delete()
                .uri("/api/articles/{slug}/comments/{id}", article.slug(), comment)
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .json("{\"errors\":{\"token\":[\"is missing\"]}}", true);
        assertThat(list(article.slug(), null)).hasSize(1);
    }

    @Test
    void aForgedOrMalformedTokenAnswers401() {
        String forged = author.token().substring(0, author.token().lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
        for (String header : List.of("Token " + forged, "Basic abc", "Token")) {
            web.post()
                    .uri("/api/articles/{slug}/comments", article.slug())
                    .header(HttpHeaders.AUTHORIZATION, header)
                    .bodyValue(Map.of("comment", Map.of("body", "Sneaky")))
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .expectBody()
                    .jsonPath("$.errors.token")
                    .exists();
        }
    }

    @Test
    void anUnknownArticleAnswers404OnEveryEndpointAfterWaitingBriefly() {
        String unknown = "no-such-article-" + UUID.randomUUID();

        web.get()
                .uri("/api/articles/{slug}/comments", unknown)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .json("{\"errors\":{\"article\":[\"not found\"]}}", true);
        postRaw(unknown, author, "{\"comment\":{\"body\":\"Hello?\"}}")
                .expectStatus()
                .isNotFound()
                .expectBody()
                .json("{\"errors\":{\"article\":[\"not found\"]}}", true);
        web.delete()
                .uri("/api/articles/{slug}/comments/{id}", unknown, 1)
                .header(HttpHeaders.AUTHORIZATION, author.authorization())
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .json("{\"errors\":{\"article\":[\"not found\"]}}", true);
    }

    @Test
    void aCommentPostedRightAfterItsArticleWasPublishedSucceeds() {
        TestArticle fresh = Articles.newArticle(author.id());
        articles.published(fresh);

        // No waiting for the projection here: the service itself gives the event a moment to arrive.
        postRaw(fresh.slug(), TestTokens.newUser(), "{\"comment\":{\"body\":\"First!\"}}")
                .expectStatus()
                .isCreated();
    }

    @Test
    void commentsOfADeletedArticleAreNoLongerListedAndNoneCanBeAddedOrDeleted() {
        long comment = post(author, "Before the end");
        articles.deleted(article, Instant.now());
        articles.awaitProjected(article.id(), projected -> projected.deleted());

        web.get()
                .uri("/api/articles/{slug}/comments", article.slug())
                .exchange()
                .expectStatus()
                .isNotFound();
        postRaw(article.slug(), author, "{\"comment\":{\"body\":\"After the end\"}}")
                .expectStatus()
                .isNotFound();
        delete(article.slug(), comment, author)
                .expectStatus()
                .isNotFound()
                .expectBody()
                .json("{\"errors\":{\"article\":[\"not found\"]}}", true);
    }

    @Test
    void fiftyConcurrentPostsGetFiftyDistinctIds() throws Exception {
        TestTokens.User reader = TestTokens.newUser();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Long>> posts = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int n = i;
                posts.add(() -> post(reader, "Concurrent " + n));
            }
            Set<Long> ids = new HashSet<>();
            for (Future<Long> id : pool.invokeAll(posts)) {
                ids.add(id.get());
            }

            assertThat(ids).hasSize(50).allSatisfy(id -> assertThat(id).isPositive());
            assertThat(list(article.slug(), null)).hasSize(50);
        } finally {
            pool.shutdownNow();
        }
    }

    private long post(TestTokens.User user, String body) {
        return postTo(article, user, body);
    }

    private long postTo(TestArticle target, TestTokens.User user, String body) {
        Map<?, ?> response = web.post()
                .uri("/api/articles/{slug}/comments", target.slug())
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

    private WebTestClient.ResponseSpec postRaw(String slug, TestTokens.User user, String json) {
        return web.post()
                .uri("/api/articles/{slug}/comments", slug)
                .header(HttpHeaders.AUTHORIZATION, user.authorization())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json)
                .exchange();
    }

    private WebTestClient.ResponseSpec delete(String slug, long id, TestTokens.User user) {
        return web.delete()
                .uri("/api/articles/{slug}/comments/{id}", slug, id)
                .header(HttpHeaders.AUTHORIZATION, user.authorization())
                .exchange();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> list(String slug, String authorization) {
        WebTestClient.RequestHeadersSpec<?> request = web.get().uri("/api/articles/{slug}/comments", slug);
        if (authorization != null) {
            request = request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        Map<String, Object> body = request.exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return (List<Map<String, Object>>) body.get("comments");
    }
}
