package dev.newsroom.article.article;

import static dev.newsroom.article.TestArticles.as;
import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.article.ArticleServiceTest;
import dev.newsroom.article.TestArticles;
import dev.newsroom.platform.authors.TestUsers;
import dev.newsroom.platform.messaging.TopicReader;
import dev.newsroom.platform.security.TestTokens;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every saved change keeps a revision (who, when, which fields) listed newest first with the body's
 * diff against the one before; an editor restores one as a new change; only the author and editors
 * see the history.
 */
@ArticleServiceTest
class RevisionsTest {

    @Autowired
    WebTestClient web;

    @Autowired
    ReactiveMongoTemplate mongo;

    final TestTokens.User writer = TestTokens.newUser("historian");
    final TestTokens.User reader = TestTokens.newUser("reader");
    final TestTokens.User editor = TestTokens.editor();
    final TestUsers users = new TestUsers();

    @BeforeEach
    void register() {
        users.registered(writer);
        users.registered(reader);
        users.registered(editor);
    }

    @AfterEach
    void close() {
        users.close();
    }

    @Test
    void eachSaveKeepsARevisionWithTheBodyDiffAndAnEditorRestoresOne() {
        Map<?, ?> created = as(writer, web.post().uri("/api/articles"))
                .bodyValue(Map.of(
                        "article", Map.of("title", "First title", "description", "d", "body", "line one\nline two")))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        String slug = (String) ((Map<?, ?>) created.get("article")).get("slug");
        edit(slug, Map.of("body", "line one\nline 2\nline three"));
        edit(slug, Map.of("title", "Second title", "description", "d"));

        List<Map<String, Object>> history = history(writer, slug, "");
        assertThat(history)
                .extracting(revision -> revision.get("fields"))
                .containsExactly(List.of("title"), List.of("body"), List.of("title", "description", "body", "tagList"));
        assertThat((String) history.get(1).get("bodyDiff"))
                .contains("-line two", "+line 2", "+line three", " line one");
        assertThat((String) history.get(2).get("bodyDiff")).contains("+line one", "+line two");
        assertThat(((Map<?, ?>) history.get(0).get("by")).get("username")).isEqualTo(writer.username());

        as(reader, web.get().uri("/api/articles/" + slug + "/revisions"))
                .exchange()
                .expectStatus()
                .isForbidden();
        web.get()
                .uri("/api/articles/" + slug + "/revisions")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        Number first = (Number) history.get(2).get("number");
        as(writer, web.post().uri("/api/articles/" + slug + "/revisions/" + first + "/restore"))
                .exchange()
                .expectStatus()
                .isForbidden();
        as(editor, web.post().uri("/api/articles/" + slug + "/revisions/99999/restore"))
                .exchange()
                .expectStatus()
                .isNotFound();
        as(editor, web.post().uri("/api/articles/" + slug + "/revisions/latest/restore"))
                .exchange()
                .expectStatus()
                .isNotFound();

        as(editor, web.post().uri("/api/articles/" + slug + "/revisions/" + first + "/restore"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.article.title")
                .isEqualTo("First title")
                .jsonPath("$.article.body")
                .isEqualTo("line one\nline two");

        List<Map<String, Object>> after = history(editor, slug, "");
        assertThat(after).hasSize(4);
        assertThat(after.get(0).get("restoredFrom")).isEqualTo(first);
        assertThat(after.get(0).get("fields")).isEqualTo(List.of("title", "body"));
        assertThat(((Map<?, ?>) after.get(0).get("by")).get("username")).isEqualTo(editor.username());

        List<Map<String, Object>> second = history(writer, slug, "?limit=1&offset=1");
        assertThat(second).hasSize(1);
        assertThat(second.get(0).get("number")).isEqualTo(after.get(1).get("number"));
        assertThat((String) second.get(0).get("bodyDiff"))
                .isEqualTo(Revisions.diff(
                        revisionOf(after.get(2), "line one\nline 2\nline three"),
                        revisionOf(after.get(1), "line one\nline 2\nline three")));
    }

    @Test
    void aPublishedStorysPendingRevisionGoesLiveOnlyWhenAnEditorPublishesIt() {
        Map<?, ?> created = as(writer, web.post().uri("/api/articles"))
                .bodyValue(Map.of("article", Map.of("title", "Live title", "description", "d", "body", "as published")))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        String slug = (String) ((Map<?, ?>) created.get("article")).get("slug");
        String id = TestArticles.idOf(mongo, slug);
        try (TopicReader topic = new TopicReader(ArticleEvents.TOPIC)) {
            as(writer, web.put().uri("/api/articles/" + slug))
                    .bodyValue(Map.of("article", Map.of("body", "as corrected", "pending", true)))
                    .exchange()
                    .expectStatus()
                    .isAccepted()
                    .expectBody()
                    .jsonPath("$.article.body")
                    .isEqualTo("as published");
            as(writer, web.put().uri("/api/articles/" + slug))
                    .bodyValue(Map.of("article", Map.of("title", "Better title", "pending", true)))
                    .exchange()
                    .expectStatus()
                    .isAccepted();
            as(writer, web.put().uri("/api/articles/" + slug))
                    .bodyValue(Map.of("article", Map.of("coverImage", "https://example.org/a.png", "pending", true)))
                    .exchange()
                    .expectStatus()
                    .isEqualTo(422);
            // The web front end's editor sends every field: the unchanged ones go with a pending revision.
            Map<String, Object> asAFormSendsIt = new HashMap<>();
            asAFormSendsIt.put("description", "d");
            asAFormSendsIt.put("labels", List.of());
            asAFormSendsIt.put("source", null);
            asAFormSendsIt.put("coverImage", null);
            asAFormSendsIt.put("pending", true);
            as(writer, web.put().uri("/api/articles/" + slug))
                    .bodyValue(Map.of("article", asAFormSendsIt))
                    .exchange()
                    .expectStatus()
                    .isAccepted();
            web.get()
                    .uri("/api/articles/" + slug)
                    .exchange()
                    .expectBody()
                    .jsonPath("$.article.body")
                    .isEqualTo("as published");

            Map<?, ?> history = revisionsOf(editor, slug);
            assertThat(history.get("revisionsCount")).isEqualTo(1);
            Map<?, ?> pending = (Map<?, ?>) history.get("pending");
            assertThat(pending.get("fields")).isEqualTo(List.of("title", "body"));
            assertThat((String) pending.get("bodyDiff"))
                    .startsWith("--- live\n+++ pending\n")
                    .contains("-as published", "+as corrected");
            assertThat(changesToReview(editor)).as("an editor's desk").contains(slug);
            assertThat(changesToReview(writer)).as("its writer's desk").containsExactly(slug);
            assertThat(changesToReview(reader)).as("another writer's desk").doesNotContain(slug);
            assertThat(topic.settle(event -> id.equals(event.key()), Duration.ofSeconds(2)))
                    .extracting(TopicReader.Event::type)
                    .containsExactly(ArticleEvents.PUBLISHED);

            as(editor, web.post().uri("/api/articles/" + slug + "/publish"))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.article.title")
                    .isEqualTo("Better title")
                    .jsonPath("$.article.body")
                    .isEqualTo("as corrected");
            as(editor, web.post().uri("/api/articles/" + slug + "/publish"))
                    .exchange()
                    .expectStatus()
                    .isEqualTo(409);

            assertThat(changesToReview(editor)).as("once published").doesNotContain(slug);
            Map<?, ?> after = revisionsOf(writer, slug);
            assertThat(after.get("revisionsCount")).isEqualTo(2);
            assertThat(after.containsKey("pending")).isFalse();
            topic.await(event -> id.equals(event.key()), 2, Duration.ofSeconds(20));
            assertThat(topic.settle(event -> id.equals(event.key()), Duration.ofSeconds(2)))
                    .extracting(TopicReader.Event::type)
                    .containsExactly(ArticleEvents.PUBLISHED, ArticleEvents.UPDATED);
        }
    }

    /** The slugs in the desk's "changes to review" queue as {@code user} sees it. */
    private List<String> changesToReview(TestTokens.User user) {
        Map<?, ?> answer = read(user, "/api/desk?limit=100");
        Map<?, ?> queue = (Map<?, ?>) ((Map<?, ?>) answer.get("desk")).get("changesToReview");
        return ((List<?>) queue.get("articles"))
                .stream()
                        .map(article -> (String) ((Map<?, ?>) article).get("slug"))
                        .toList();
    }

    private Map<?, ?> revisionsOf(TestTokens.User user, String slug) {
        return read(user, "/api/articles/" + slug + "/revisions");
    }

    /** A 200 answer's JSON, read as {@code user}. */
    private Map<?, ?> read(TestTokens.User user, String uri) {
        return as(user, web.get().uri(uri))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    private static Revision revisionOf(Map<String, Object> listed, String body) {
        return new Revision(
                null,
                null,
                ((Number) listed.get("number")).longValue(),
                null,
                null,
                null,
                null,
                null,
                null,
                body,
                null);
    }

    private void edit(String slug, Map<String, Object> fields) {
        as(writer, web.put().uri("/api/articles/" + slug))
                .bodyValue(Map.of("article", fields))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> history(TestTokens.User user, String slug, String query) {
        Map<?, ?> body = as(user, web.get().uri("/api/articles/" + slug + "/revisions" + query))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return (List<Map<String, Object>>) body.get("revisions");
    }
}
