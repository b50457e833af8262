package dev.newsroom.article.article;

import static dev.newsroom.article.TestArticles.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.newsroom.article.ArticleServiceProperties;
import dev.newsroom.article.ArticleServiceTest;
import dev.newsroom.article.TestArticles;
import dev.newsroom.contracts.EventContracts;
import dev.newsroom.platform.authors.TestUsers;
import dev.newsroom.platform.messaging.TopicReader;
import dev.newsroom.platform.security.CurrentUser;
import dev.newsroom.platform.security.TestTokens;
import dev.newsroom.platform.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The desk's workflow through the API: nothing unpublished is visible to anyone but its author and
 * the editors, or emitted; each move is allowed from the right states only (409 otherwise) and by
 * the right people (404 for a story one may not see, 403 for a move one may not make); a scheduled
 * story goes live at its time exactly once, however many instances look.
 */
@ArticleServiceTest
class DeskWorkflowTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    WebTestClient web;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    ArticleRepository articles;

    @Autowired
    Workflow workflow;

    @Autowired
    ArticleServiceProperties properties;

    final TestTokens.User writer =
            TestTokens.newUser("writer-" + UUID.randomUUID().toString().substring(0, 8));
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
    void aDraftIsSeenOnlyByItsAuthorAndEditorsAndNothingIsEmittedUntilItIsPublished() {
        String tag = "draft-" + UUID.randomUUID().toString().substring(0, 8);
        try (TopicReader topic = new TopicReader(ArticleEvents.TOPIC)) {
            String slug = draft("Not yet", tag);
            String id = TestArticles.idOf(mongo, slug);

            web.get().uri("/api/articles/" + slug).exchange().expectStatus().isNotFound();
            as(reader, web.get().uri("/api/articles/" + slug))
                    .exchange()
                    .expectStatus()
                    .isNotFound();
            as(writer, web.get().uri("/api/articles/" + slug))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.article.status")
                    .isEqualTo("draft");
            as(editor, web.get().uri("/api/articles/" + slug))
                    .exchange()
                    .expectStatus()
                    .isOk();
            web.get()
                    .uri("/api/articles?tag=" + tag)
                    .exchange()
                    .expectBody()
                    .jsonPath("$.articlesCount")
                    .isEqualTo(0);
            web.get()
                    .uri("/api/tags")
                    .exchange()
                    .expectBody()
                    .jsonPath("$.tags[?(@ == '" + tag + "')]")
                    .doesNotExist();
            as(reader, web.post().uri("/api/articles/" + slug + "/favorite"))
                    .exchange()
                    .expectStatus()
                    .isNotFound();
            as(writer, web.put().uri("/api/articles/" + slug))
                    .bodyValue(Map.of("article", Map.of("title", "Still not yet")))
                    .exchange()
                    .expectStatus()
                    .isOk();
            assertThat(topic.settle(event -> id.equals(event.key()), Duration.ofSeconds(2)))
                    .isEmpty();

            move(editor, slug, "publish")
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.article.status")
                    .isEqualTo("published");

            List<TopicReader.Event> events = topic.await(event -> id.equals(event.key()), 1, WAIT);
            assertThat(events).extracting(TopicReader.Event::type).containsExactly(ArticleEvents.PUBLISHED);
            EventContracts.assertValid(ArticleEvents.PUBLISHED, events.get(0).value());
            assertThat(events.get(0).value()).contains("Still not yet");
            web.get()
                    .uri("/api/articles?tag=" + tag)
                    .exchange()
                    .expectBody()
                    .jsonPath("$.articlesCount")
                    .isEqualTo(1);
        }
    }

    @Test
    void eachMoveIsAllowedFromItsStatesOnlyAndByThoseWhoMayMakeIt() {
        String slug = draft("Moves", null);

        move(reader, slug, "submit").expectStatus().isNotFound();
        move(writer, slug, "withdraw")
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.errors.status[0]")
                .isEqualTo("is draft; only a published story can be withdrawn");
        move(writer, slug, "submit")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.article.status")
                .isEqualTo("in_review");
        move(writer, slug, "submit")
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.errors.status[0]")
                .isEqualTo("is in_review; only a draft can be submitted");
        as(writer, web.put().uri("/api/articles/" + slug))
                .bodyValue(Map.of("article", Map.of("title", "x", "status", "published")))
                .exchange()
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.errors.status")
                .exists();

        move(editor, slug, "publish").expectStatus().isOk();
        move(editor, slug, "publish")
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.errors.status[0]")
                .value(String.class, message -> assertThat(message).startsWith("is published"));
        move(reader, slug, "withdraw").expectStatus().isForbidden();
        move(editor, slug, "withdraw")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.article.status")
                .isEqualTo("withdrawn");

        web.get().uri("/api/articles/" + slug).exchange().expectStatus().isNotFound();
        move(reader, slug, "publish").expectStatus().isNotFound();
        move(editor, slug, "publish").expectStatus().isEqualTo(409);
        web.post()
                .uri("/api/articles/" + slug + "/publish")
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void aWithdrawnStoryLeavesTheListsAndConsumersHearOfIt() {
        String tag = "withdrawn-" + UUID.randomUUID().toString().substring(0, 8);
        try (TopicReader topic = new TopicReader(ArticleEvents.TOPIC)) {
            String slug =
                    create(writer, Map.of("title", "Out", "description", "d", "body", "b", "tagList", List.of(tag)))
                                            .expectStatus()
                                            .isCreated()
                                            .expectBody(Map.class)
                                            .returnResult()
                                            .getResponseBody()
                                            .get("article")
                                    instanceof Map<?, ?> article
                            ? (String) article.get("slug")
                            : null;
            String id = TestArticles.idOf(mongo, slug);
            web.get()
                    .uri("/api/articles?tag=" + tag)
                    .exchange()
                    .expectBody()
                    .jsonPath("$.articlesCount")
                    .isEqualTo(1);

            move(editor, slug, "withdraw").expectStatus().isOk();
            as(writer, web.put().uri("/api/articles/" + slug))
                    .bodyValue(Map.of("article", Map.of("title", "Edited while withdrawn")))
                    .exchange()
                    .expectStatus()
                    .isOk();

            web.get()
                    .uri("/api/articles?tag=" + tag)
                    .exchange()
                    .expectBody()
                    .jsonPath("$.articlesCount")
                    .isEqualTo(0);
            as(writer, web.get().uri("/api/articles/" + slug))
                    .exchange()
                    .expectStatus()
                    .isOk();
            topic.await(event -> id.equals(event.key()), 2, WAIT);
            List<TopicReader.Event> events = topic.settle(event -> id.equals(event.key()), Duration.ofSeconds(2));
            assertThat(events)
                    .extracting(TopicReader.Event::type)
                    .containsExactly(ArticleEvents.PUBLISHED, ArticleEvents.WITHDRAWN);
            EventContracts.assertValid(ArticleEvents.WITHDRAWN, events.get(1).value());
        }
    }

    @Test
    void editorsAppendCorrectionsThatReadersAndConsumersSeeAndNobodyEditsAway() {
        String slug = slugOf(create(writer, Map.of("title", "Corrected", "description", "d", "body", "b"))
                .expectStatus()
                .isCreated());
        String id = TestArticles.idOf(mongo, slug);
        Map<String, Object> note =
                Map.of("correction", Map.of("kind", "correction", "text", "The vote was on Tuesday."));
        try (TopicReader topic = new TopicReader(ArticleEvents.TOPIC)) {
            correct(writer, slug, note).expectStatus().isForbidden();
            correct(editor, slug, Map.of("correction", Map.of("kind", "retraction", "text", "x")))
                    .expectStatus()
                    .isEqualTo(422)
                    .expectBody()
                    .jsonPath("$.errors.kind")
                    .exists();
            correct(editor, slug, Map.of("correction", Map.of("kind", "update", "text", " ")))
                    .expectStatus()
                    .isEqualTo(422);
            correct(editor, slug, note).expectStatus().isOk();
            correct(editor, slug, Map.of("correction", Map.of("kind", "update", "text", "Results are in.")))
                    .expectStatus()
                    .isOk();

            web.get()
                    .uri("/api/articles/" + slug)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.article.corrections.length()")
                    .isEqualTo(2)
                    .jsonPath("$.article.corrections[0].kind")
                    .isEqualTo("correction")
                    .jsonPath("$.article.corrections[0].text")
                    .isEqualTo("The vote was on Tuesday.")
                    .jsonPath("$.article.corrections[1].kind")
                    .isEqualTo("update");
            as(writer, web.put().uri("/api/articles/" + slug))
                    .bodyValue(Map.of("article", Map.of("title", "x", "corrections", List.of())))
                    .exchange()
                    .expectStatus()
                    .isEqualTo(422);

            topic.await(event -> id.equals(event.key()), 3, WAIT);
            List<TopicReader.Event> events = topic.settle(event -> id.equals(event.key()), Duration.ofSeconds(2));
            assertThat(events)
                    .extracting(TopicReader.Event::type)
                    .containsExactly(ArticleEvents.PUBLISHED, ArticleEvents.UPDATED, ArticleEvents.UPDATED);
            events.forEach(event -> EventContracts.assertValid(event.type(), event.value()));
            assertThat(events.get(2).value())
                    .contains("The vote was on Tuesday.")
                    .contains("Results are in.");
        }
        String drafted = draft("Not public yet", null);
        correct(editor, drafted, note).expectStatus().isEqualTo(409);
    }

    @Test
    void aScheduleMustBeInTheFutureAndWithinAYear() {
        String slug = draft("Scheduled badly", null);
        schedule(editor, slug, Map.of())
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.errors.publishAt")
                .exists();
        schedule(editor, slug, Map.of("publishAt", "tomorrow")).expectStatus().isEqualTo(422);
        schedule(
                        editor,
                        slug,
                        Map.of("publishAt", Instant.now().minusSeconds(60).toString()))
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.errors.publishAt[0]")
                .isEqualTo("must be in the future");
        schedule(
                        editor,
                        slug,
                        Map.of(
                                "publishAt",
                                Instant.now().plus(Duration.ofDays(366)).toString()))
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.errors.publishAt[0]")
                .isEqualTo("must be at most a year ahead");
        schedule(reader, slug, Map.of("publishAt", Instant.now().plusSeconds(60).toString()))
                .expectStatus()
                .isNotFound();
    }

    @Test
    void aScheduledStoryGoesLiveAtItsTimeWithOneEvent() {
        String slug = draft("On time", null);
        String id = TestArticles.idOf(mongo, slug);
        // Far enough ahead that the request lands before it on a busy machine, near enough to wait for.
        Instant publishAt = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.MILLIS);
        try (TopicReader topic = new TopicReader(ArticleEvents.TOPIC)) {
            schedule(editor, slug, Map.of("publishAt", publishAt.toString()))
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.article.status")
                    .isEqualTo("scheduled")
                    .jsonPath("$.article.publishAt")
                    .isEqualTo(publishAt.toString());
            web.get().uri("/api/articles/" + slug).exchange().expectStatus().isNotFound();

            await().atMost(WAIT)
                    .untilAsserted(() -> web.get()
                            .uri("/api/articles/" + slug)
                            .exchange()
                            .expectStatus()
                            .isOk());

            topic.await(event -> id.equals(event.key()), 1, WAIT);
            List<TopicReader.Event> events = topic.settle(event -> id.equals(event.key()), Duration.ofSeconds(2));
            assertThat(events).extracting(TopicReader.Event::type).containsExactly(ArticleEvents.PUBLISHED);
            Article published = articles.bySlug(slug).block();
            assertThat(published.publishedAt()).isAfterOrEqualTo(publishAt);
            assertThat(published.createdAt()).isEqualTo(published.publishedAt());
        }
    }

    /**
     * Two more instances (with a clock of their own, besides this application's) race to publish a
     * story due an hour from now: before its time neither publishes it, at its time exactly one does.
     */
    @Test
    void twoInstancesPublishADueStoryExactlyOnceAndNotBeforeItsTime() {
        String slug = draft("Raced", null);
        String id = TestArticles.idOf(mongo, slug);
        Instant publishAt = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
        schedule(editor, slug, Map.of("publishAt", publishAt.toString()))
                .expectStatus()
                .isOk();

        ScheduledPublication early = instanceAt(publishAt.minusMillis(1));
        assertThat(early.publishDue()).isZero();

        try (TopicReader topic = new TopicReader(ArticleEvents.TOPIC)) {
            ScheduledPublication first = instanceAt(publishAt);
            ScheduledPublication second = instanceAt(publishAt.plusMillis(1));
            var one = CompletableFuture.supplyAsync(first::publishDue);
            var other = CompletableFuture.supplyAsync(second::publishDue);

            assertThat(one.join() + other.join()).isEqualTo(1);
            assertThat(articles.bySlug(slug).block()).isNotNull();
            topic.await(event -> id.equals(event.key()), 1, WAIT);
            assertThat(topic.settle(event -> id.equals(event.key()), Duration.ofSeconds(2)))
                    .extracting(TopicReader.Event::type)
                    .containsExactly(ArticleEvents.PUBLISHED);
        }
    }

    @Test
    void theDeskShowsEditorsEveryQueueAndWritersTheirOwnStories() {
        String drafted = draft("On the desk", null);
        String submitted = draft("Awaiting review", null);
        move(writer, submitted, "submit").expectStatus().isOk();
        TestTokens.User other = TestTokens.newUser("other-writer");
        users.registered(other);
        String othersDraft = slugOf(
                create(other, Map.of("title", "Someone else's", "description", "d", "body", "b", "status", "draft")));

        as(writer, web.get().uri("/api/desk?limit=100"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.desk.drafts.articlesCount")
                .isEqualTo(1)
                .jsonPath("$.desk.drafts.articles[0].slug")
                .isEqualTo(drafted)
                .jsonPath("$.desk.inReview.articles[0].slug")
                .isEqualTo(submitted)
                .jsonPath("$.desk.inReview.articles[0].author.username")
                .isEqualTo(writer.username());
        as(editor, web.get().uri("/api/desk?limit=100"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.desk.drafts.articles[?(@.slug == '" + othersDraft + "')]")
                .exists()
                .jsonPath("$.desk.drafts.articles[?(@.slug == '" + drafted + "')]")
                .exists()
                .jsonPath("$.desk.scheduled.articlesCount")
                .exists();
        as(writer, web.get().uri("/api/desk?limit=0")).exchange().expectStatus().isEqualTo(422);
        web.get().uri("/api/desk").exchange().expectStatus().isUnauthorized();
    }

    /** The context runs the open policy; the review policy's rule is the workflow's alone. */
    @Test
    void underTheReviewPolicyOnlyEditorsPublishWhatTheyWrite() {
        Workflow review = new Workflow(
                null,
                null,
                null,
                null,
                null,
                null,
                Clock.systemUTC(),
                new ArticleServiceProperties(
                        "salt",
                        10,
                        ArticleServiceProperties.PublishingPolicy.REVIEW,
                        Duration.ofSeconds(1),
                        Duration.ofHours(2)));
        CurrentUser writerUser = new CurrentUser(writer.id(), writer.username(), Set.of());
        CurrentUser editorUser = new CurrentUser(editor.id(), editor.username(), Set.of(CurrentUser.EDITOR));

        assertThat(review.initialStatus(null, writerUser)).isEqualTo(Status.DRAFT);
        assertThat(review.initialStatus(null, editorUser)).isEqualTo(Status.PUBLISHED);
        assertThat(workflow.initialStatus(null, writerUser)).isEqualTo(Status.PUBLISHED);
        assertThatThrownBy(() -> review.initialStatus(JsonNodeFactory.instance.stringNode("published"), writerUser))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        refused -> assertThat(refused.status().value()).isEqualTo(403));
        assertThatThrownBy(() -> review.initialStatus(JsonNodeFactory.instance.stringNode("scheduled"), editorUser))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        refused -> assertThat(refused.status().value()).isEqualTo(422));
    }

    /** Another instance's scheduler, whose clock says {@code now}. */
    private ScheduledPublication instanceAt(Instant now) {
        return new ScheduledPublication(articles, workflow, Clock.fixed(now, ZoneOffset.UTC), properties);
    }

    private String draft(String title, String tag) {
        Map<String, Object> article = tag == null
                ? Map.of("title", title, "description", "d", "body", "b", "status", "draft")
                : Map.of("title", title, "description", "d", "body", "b", "status", "draft", "tagList", List.of(tag));
        return slugOf(create(writer, article).expectStatus().isCreated());
    }

    private WebTestClient.ResponseSpec create(TestTokens.User author, Map<String, Object> article) {
        return as(author, web.post().uri("/api/articles"))
                .bodyValue(Map.of("article", article))
                .exchange();
    }

    private static String slugOf(WebTestClient.ResponseSpec created) {
        Map<?, ?> body = created.expectBody(Map.class).returnResult().getResponseBody();
        return (String) ((Map<?, ?>) body.get("article")).get("slug");
    }

    private WebTestClient.ResponseSpec move(TestTokens.User user, String slug, String move) {
        return as(user, web.post().uri("/api/articles/" + slug + "/" + move)).exchange();
    }

    private WebTestClient.ResponseSpec correct(TestTokens.User user, String slug, Map<String, Object> body) {
        return as(user, web.post().uri("/api/articles/" + slug + "/corrections"))
                .bodyValue(body)
                .exchange();
    }

    private WebTestClient.ResponseSpec schedule(TestTokens.User user, String slug, Map<String, Object> body) {
        return as(user, web.post().uri("/api/articles/" + slug + "/schedule"))
                .bodyValue(body)
                .exchange();
    }
}
