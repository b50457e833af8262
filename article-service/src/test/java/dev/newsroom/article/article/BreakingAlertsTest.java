package dev.newsroom.article.article;

import static dev.newsroom.article.TestArticles.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsroom.article.ArticleServiceProperties;
import dev.newsroom.article.ArticleServiceTest;
import dev.newsroom.article.TestArticles;
import dev.newsroom.article.messaging.AlertFeed;
import dev.newsroom.contracts.EventContracts;
import dev.newsroom.platform.authors.TestUsers;
import dev.newsroom.platform.messaging.TopicReader;
import dev.newsroom.platform.security.TestTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Breaking-news alerts through the API: publishing a story labelled breaking news (at creation, from
 * the desk or at its scheduled time) raises its alert with the publication, and nothing else does;
 * a withdrawal, a deletion or an editor takes a current alert down once; every instance's feed shows
 * the current alerts and streams the changes to anonymous readers.
 */
@ArticleServiceTest
class BreakingAlertsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration QUIET = Duration.ofSeconds(2);

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

    final JsonMapper json = JsonMapper.builder().build();
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
    void publishingABreakingStoryRaisesItsAlertWithThePublicationAndTheFeedShowsIt() {
        try (TopicReader stories = new TopicReader(ArticleEvents.TOPIC);
                TopicReader alerts = new TopicReader(ArticleEvents.ALERTS_TOPIC)) {
            String slug = create(writer, breaking("River bursts its banks", null, null));
            String id = TestArticles.idOf(mongo, slug);

            List<TopicReader.Event> published = stories.await(event -> id.equals(event.key()), 1, WAIT);
            assertThat(published).extracting(TopicReader.Event::type).containsExactly(ArticleEvents.PUBLISHED);
            EventContracts.assertValid(ArticleEvents.PUBLISHED, published.get(0).value());
            List<TopicReader.Event> raised = alerts.await(event -> id.equals(event.key()), 1, WAIT);
            assertThat(raised).extracting(TopicReader.Event::type).containsExactly(ArticleEvents.ALERT_RAISED);
            EventContracts.assertValid(ArticleEvents.ALERT_RAISED, raised.get(0).value());
            JsonNode alert = json.readTree(raised.get(0).value());
            assertThat(alert.get("slug").asString()).isEqualTo(slug);
            assertThat(alert.get("headline").asString()).isEqualTo("River bursts its banks");
            Instant raisedAt = Instant.parse(alert.get("raisedAt").asString());
            assertThat(Instant.parse(alert.get("expiresAt").asString()))
                    .isEqualTo(raisedAt.plus(properties.alertLifetime()));
            assertThat(articles.bySlug(slug).block().outbox()).isEmpty();

            await().atMost(WAIT)
                    .untilAsserted(() -> web.get()
                            .uri("/api/alerts")
                            .exchange()
                            .expectStatus()
                            .isOk()
                            .expectBody()
                            .jsonPath("$.alerts[?(@.slug == '" + slug + "')].headline")
                            .isEqualTo("River bursts its banks")
                            .jsonPath("$.alerts[?(@.slug == '" + slug + "')].raisedAt")
                            .isEqualTo(alert.get("raisedAt").asString()));
        }
    }

    @Test
    void aLabelThatExpiresSetsTheAlertsExpiryAndTheNewestAlertComesFirst() {
        Instant labelExpiry = Instant.now().plus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
        try (TopicReader alerts = new TopicReader(ArticleEvents.ALERTS_TOPIC)) {
            String older = create(writer, breaking("Storm warning", null, null));
            String newer = create(writer, breaking("Bridge closed", "breaking NEWS", labelExpiry));
            String id = TestArticles.idOf(mongo, newer);

            JsonNode alert = json.readTree(alerts.await(event -> id.equals(event.key()), 1, WAIT)
                    .get(0)
                    .value());
            assertThat(Instant.parse(alert.get("expiresAt").asString())).isEqualTo(labelExpiry);
            await().atMost(WAIT).untilAsserted(() -> {
                List<String> slugs = currentSlugs();
                assertThat(slugs).contains(older, newer);
                assertThat(slugs.indexOf(newer)).isLessThan(slugs.indexOf(older));
            });
        }
    }

    @Test
    void aStoryWithoutTheBreakingLabelRaisesNothing() {
        try (TopicReader alerts = new TopicReader(ArticleEvents.ALERTS_TOPIC)) {
            String slug = create(
                    writer,
                    Map.of(
                            "title",
                            "Quiet day",
                            "description",
                            "d",
                            "body",
                            "b",
                            "labels",
                            List.of(Map.of("name", "Analysis"))));
            String id = TestArticles.idOf(mongo, slug);

            assertThat(alerts.settle(event -> id.equals(event.key()), QUIET)).isEmpty();
            assertThat(currentSlugs()).doesNotContain(slug);
        }
    }

    @Test
    void aBreakingDraftRaisesNothingUntilAnEditorPublishesIt() {
        try (TopicReader alerts = new TopicReader(ArticleEvents.ALERTS_TOPIC)) {
            Map<String, Object> draft = new java.util.HashMap<>(breaking("Drafted in haste", null, null));
            draft.put("status", "draft");
            String slug = create(writer, draft);
            String id = TestArticles.idOf(mongo, slug);
            as(writer, web.post().uri("/api/articles/" + slug + "/submit"))
                    .exchange()
                    .expectStatus()
                    .isOk();
            assertThat(alerts.settle(event -> id.equals(event.key()), QUIET)).isEmpty();

            as(editor, web.post().uri("/api/articles/" + slug + "/publish"))
                    .exchange()
                    .expectStatus()
                    .isOk();

            List<TopicReader.Event> raised = alerts.await(event -> id.equals(event.key()), 1, WAIT);
            assertThat(raised).extracting(TopicReader.Event::type).containsExactly(ArticleEvents.ALERT_RAISED);
            EventContracts.assertValid(ArticleEvents.ALERT_RAISED, raised.get(0).value());
        }
    }

    @Test
    void aScheduledBreakingStoryRaisesItsAlertWhenItGoesLive() {
        Map<String, Object> draft = new java.util.HashMap<>(breaking("At the stroke of noon", null, null));
        draft.put("status", "draft");
        String slug = create(writer, draft);
        String id = TestArticles.idOf(mongo, slug);
        Instant publishAt = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
        as(editor, web.post().uri("/api/articles/" + slug + "/schedule"))
                .bodyValue(Map.of("publishAt", publishAt.toString()))
                .exchange()
                .expectStatus()
                .isOk();

        try (TopicReader alerts = new TopicReader(ArticleEvents.ALERTS_TOPIC)) {
            new ScheduledPublication(articles, workflow, Clock.fixed(publishAt, ZoneOffset.UTC), properties)
                    .publishDue();

            List<TopicReader.Event> raised = alerts.await(event -> id.equals(event.key()), 1, WAIT);
            assertThat(raised).extracting(TopicReader.Event::type).containsExactly(ArticleEvents.ALERT_RAISED);
            JsonNode alert = json.readTree(raised.get(0).value());
            assertThat(Instant.parse(alert.get("raisedAt").asString())).isEqualTo(publishAt);
            assertThat(Instant.parse(alert.get("expiresAt").asString()))
                    .isEqualTo(publishAt.plus(properties.alertLifetime()));
        }
    }

    @Test
    void withdrawingTheStoryClearsItsAlertOnce() {
        try (TopicReader alerts = new TopicReader(ArticleEvents.ALERTS_TOPIC)) {
            String slug = create(writer, breaking("Claim under review", null, null));
            String id = TestArticles.idOf(mongo, slug);
            alerts.await(event -> id.equals(event.key()), 1, WAIT);

            as(editor, web.post().uri("/api/articles/" + slug + "/withdraw"))
                    .exchange()
                    .expectStatus()
                    .isOk();

            List<TopicReader.Event> events = alerts.await(event -> id.equals(event.key()), 2, WAIT);
            assertThat(events)
                    .extracting(TopicReader.Event::type)
                    .containsExactly(ArticleEvents.ALERT_RAISED, ArticleEvents.ALERT_CLEARED);
            EventContracts.assertValid(
                    ArticleEvents.ALERT_CLEARED, events.get(1).value());
            assertThat(json.readTree(events.get(1).value()).get("reason").asString())
                    .isEqualTo("withdrawn");
            await().atMost(WAIT).untilAsserted(() -> assertThat(currentSlugs()).doesNotContain(slug));

            as(writer, web.delete().uri("/api/articles/" + slug))
                    .exchange()
                    .expectStatus()
                    .isNoContent();
            assertThat(alerts.settle(event -> id.equals(event.key()), QUIET)).hasSize(2);
        }
    }

    @Test
    void deletingTheStoryClearsItsAlert() {
        try (TopicReader alerts = new TopicReader(ArticleEvents.ALERTS_TOPIC)) {
            String slug = create(writer, breaking("Posted by mistake", null, null));
            String id = TestArticles.idOf(mongo, slug);

            as(writer, web.delete().uri("/api/articles/" + slug))
                    .exchange()
                    .expectStatus()
                    .isNoContent();

            List<TopicReader.Event> events = alerts.await(event -> id.equals(event.key()), 2, WAIT);
            assertThat(events)
                    .extracting(TopicReader.Event::type)
                    .containsExactly(ArticleEvents.ALERT_RAISED, ArticleEvents.ALERT_CLEARED);
            assertThat(json.readTree(events.get(1).value()).get("reason").asString())
                    .isEqualTo("deleted");
            EventContracts.assertValid(
                    ArticleEvents.ALERT_CLEARED, events.get(1).value());
        }
    }

    @Test
    void onlyAnEditorClearsACurrentAlertAndOnlyOnce() {
        try (TopicReader alerts = new TopicReader(ArticleEvents.ALERTS_TOPIC)) {
            String slug = create(writer, breaking("Roads reopen", null, null));
            String id = TestArticles.idOf(mongo, slug);
            String plain = TestArticles.create(web, writer, "Nothing breaking");
            await().atMost(WAIT).untilAsserted(() -> assertThat(currentSlugs()).contains(slug));

            web.delete().uri("/api/alerts/" + slug).exchange().expectStatus().isUnauthorized();
            as(writer, web.delete().uri("/api/alerts/" + slug))
                    .exchange()
                    .expectStatus()
                    .isForbidden();
            as(reader, web.delete().uri("/api/alerts/" + slug))
                    .exchange()
                    .expectStatus()
                    .isForbidden();
            as(editor, web.delete().uri("/api/alerts/" + plain))
                    .exchange()
                    .expectStatus()
                    .isNotFound();
            as(editor, web.delete().uri("/api/alerts/no-such-story-" + UUID.randomUUID()))
                    .exchange()
                    .expectStatus()
                    .isNotFound();

            as(editor, web.delete().uri("/api/alerts/" + slug))
                    .exchange()
                    .expectStatus()
                    .isNoContent();
            as(editor, web.delete().uri("/api/alerts/" + slug))
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectBody()
                    .jsonPath("$.errors.alert[0]")
                    .isEqualTo("not found");

            List<TopicReader.Event> events = alerts.await(event -> id.equals(event.key()), 2, WAIT);
            assertThat(events)
                    .extracting(TopicReader.Event::type)
                    .containsExactly(ArticleEvents.ALERT_RAISED, ArticleEvents.ALERT_CLEARED);
            assertThat(json.readTree(events.get(1).value()).get("reason").asString())
                    .isEqualTo("cleared");
            EventContracts.assertValid(
                    ArticleEvents.ALERT_CLEARED, events.get(1).value());
            await().atMost(WAIT).untilAsserted(() -> assertThat(currentSlugs()).doesNotContain(slug));

            // A withdrawal after the editor cleared it has nothing left to clear.
            as(editor, web.post().uri("/api/articles/" + slug + "/withdraw"))
                    .exchange()
                    .expectStatus()
                    .isOk();
            assertThat(alerts.settle(event -> id.equals(event.key()), QUIET)).hasSize(2);
        }
    }

    @Test
    void theStreamDeliversARaisedAndAClearedAlertToAnAnonymousSubscriber() {
        Flux<ServerSentEvent<String>> stream = web.get()
                .uri("/api/alerts/stream")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {})
                .getResponseBody();
        String title = "Live: polls close " + UUID.randomUUID().toString().substring(0, 8);
        Flux<ServerSentEvent<String>> ours = stream.filter(event ->
                        event.data() != null && event.data().contains("\"slug\":\"" + Slugs.words(title) + "-"))
                .cache();
        ours.subscribe();

        String slug = create(writer, breaking(title, null, null));
        ServerSentEvent<String> raised =
                ours.filter(event -> "alert-raised".equals(event.event())).blockFirst(WAIT);
        assertThat(raised).isNotNull();
        assertThat(raised.id()).isEqualTo(slug);
        assertThat(raised.data()).contains("\"headline\":\"" + title + "\"");

        as(editor, web.delete().uri("/api/alerts/" + slug))
                .exchange()
                .expectStatus()
                .isNoContent();
        ServerSentEvent<String> cleared =
                ours.filter(event -> "alert-cleared".equals(event.event())).blockFirst(WAIT);
        assertThat(cleared).isNotNull();
        assertThat(cleared.data()).contains("\"slug\":\"" + slug + "\"", "\"reason\":\"cleared\"");
    }

    /**
     * Readers connected to another article-service instance get the alert too: that instance's feed
     * reads the same topic with a group of its own, so it holds and streams what this one raised.
     */
    @Test
    void anotherInstancesFeedHoldsAndStreamsAnAlertThisInstanceRaisedAndCleared(
            @Autowired AlertFeed here, @Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers) {
        AlertFeed other = new AlertFeed(brokers, json, Clock.systemUTC());
        other.start();
        try {
            List<AlertFeed.Change> seen = new CopyOnWriteArrayList<>();
            other.changes().subscribe(seen::add);
            String slug = create(writer, breaking("Second instance: ferry cancelled", null, null));
            await().atMost(WAIT)
                    .untilAsserted(() -> assertThat(other.current())
                            .extracting(AlertFeed.Alert::slug)
                            .contains(slug));
            assertThat(seen.stream().filter(change -> change.raised() != null))
                    .extracting(change -> change.raised().slug())
                    .contains(slug);

            as(editor, web.delete().uri("/api/alerts/" + slug))
                    .exchange()
                    .expectStatus()
                    .isNoContent();
            await().atMost(WAIT)
                    .untilAsserted(() -> assertThat(seen.stream().filter(change -> change.cleared() != null))
                            .extracting(change -> change.cleared().slug())
                            .contains(slug));
            assertThat(other.current()).extracting(AlertFeed.Alert::slug).doesNotContain(slug);
            assertThat(here.current()).extracting(AlertFeed.Alert::slug).doesNotContain(slug);
        } finally {
            other.stop();
        }
    }

    @Test
    void theStreamSendsAKeepAliveAtOnce() {
        ServerSentEvent<String> first = web.get()
                .uri("/api/alerts/stream")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {})
                .getResponseBody()
                .filter(event -> event.comment() != null)
                .blockFirst(WAIT);
        assertThat(first).isNotNull();
        assertThat(first.comment()).isEqualTo("keep-alive");
    }

    private List<String> currentSlugs() {
        JsonNode body = json.readTree(web.get()
                .uri("/api/alerts")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
        return body.get("alerts")
                .valueStream()
                .map(alert -> alert.get("slug").asString())
                .toList();
    }

    private static Map<String, Object> breaking(String title, String labelName, Instant expiresAt) {
        Map<String, Object> label = expiresAt == null
                ? Map.of("name", labelName == null ? "Breaking news" : labelName)
                : Map.of("name", labelName == null ? "Breaking news" : labelName, "expiresAt", expiresAt.toString());
        return Map.of("title", title, "description", "d", "body", "b", "labels", List.of(label));
    }

    private String create(TestTokens.User author, Map<String, Object> article) {
        Map<?, ?> body = as(author, web.post().uri("/api/articles"))
                .bodyValue(Map.of("article", article))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return (String) ((Map<?, ?>) body.get("article")).get("slug");
    }
}
