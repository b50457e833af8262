package dev.newsroom.comment.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.comment.Articles;
import dev.newsroom.comment.Articles.TestArticle;
import dev.newsroom.comment.CommentServiceTest;
import dev.newsroom.platform.health.ServiceReadinessChecks;
import dev.newsroom.platform.messaging.TopicReader;
import dev.newsroom.platform.security.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Operators list dead letters and send them back to their topic once the cause is fixed. */
@CommentServiceTest
class DeadLettersEndpointTest {

    static final String DLQ = "newsroom.articles.v1.comment-service.dlq";

    @Autowired
    WebTestClient web;

    @LocalManagementPort
    int managementPort;

    private WebTestClient management() {
        return ServiceReadinessChecks.managementClient(managementPort);
    }

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    MeterRegistry meters;

    Articles articles;

    @BeforeEach
    void setUp() {
        articles = new Articles(mongo);
    }

    @AfterEach
    void tearDown() {
        articles.close();
    }

    @Test
    void aDeadLetterIsListedWithWhyAndReDrivenToItsTopicOnceOnly() {
        TestArticle article = Articles.newArticle(UUID.randomUUID().toString());
        String poison = UUID.randomUUID().toString();
        try (TopicReader deadLetters = new TopicReader(DLQ);
                TopicReader articleTopic = new TopicReader(Articles.TOPIC)) {
            articles.send(0, article.id(), Articles.PUBLISHED, poison, "{\"articleId\": broken");
            deadLetters.await(event -> poison.equals(event.headers().get("ce_id")), 1, Duration.ofSeconds(30));

            JsonNode listed = letter(poison);
            assertThat(listed.path("originalTopic").asString()).isEqualTo(Articles.TOPIC);
            assertThat(listed.path("type").asString()).isEqualTo(Articles.PUBLISHED);
            assertThat(listed.path("key").asString()).isEqualTo(article.id());
            assertThat(listed.path("reason").asString()).isNotBlank();
            assertThat(listed.path("redriven").asBoolean()).isFalse();

            double counted = meters.get("newsroom.deadletters.redriven")
                    .tag("topic", DLQ)
                    .counter()
                    .count();
            JsonNode redriven = redrive();
            assertThat(redriven.path("redriven").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(meters.get("newsroom.deadletters.redriven")
                                    .tag("topic", DLQ)
                                    .counter()
                                    .count()
                            - counted)
                    .as("re-driven letters counted")
                    .isEqualTo(redriven.path("redriven").asInt());
            assertThat(articleTopic.await(
                            event -> poison.equals(event.headers().get("ce_id")), 2, Duration.ofSeconds(30)))
                    .as("the original and the re-driven copy, same id and body")
                    .allSatisfy(event -> assertThat(event.value()).isEqualTo("{\"articleId\": broken"));
            // Still unreadable, so the consumer dead-letters the re-driven copy again: the fix comes first.
            deadLetters.await(event -> poison.equals(event.headers().get("ce_id")), 2, Duration.ofSeconds(30));
            assertThat(letters(poison))
                    .extracting(letter -> letter.path("redriven").asBoolean())
                    .containsExactly(true, false);
            long waiting = letters(null).stream()
                    .filter(letter -> !letter.path("redriven").asBoolean())
                    .count();
            assertThat(redrive().path("redriven").asLong())
                    .as("only what was not re-driven before")
                    .isEqualTo(waiting);
        }
    }

    @Test
    void onlyThisServicesDeadLetterTopicsCanBeTouched() {
        management()
                .post()
                .uri("/actuator/deadletters/{topic}", "newsroom.users.v1")
                .header(HttpHeaders.AUTHORIZATION, TestTokens.serviceAuthorization())
                .exchange()
                .expectStatus()
                .is4xxClientError();
    }

    private JsonNode letter(String eventId) {
        return letters(eventId).get(0);
    }

    /** The dead letters with this event id (null: all), in topic order. */
    private java.util.List<JsonNode> letters(String eventId) {
        byte[] body = management()
                .get()
                .uri("/actuator/deadletters/{topic}", DLQ)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody();
        return JsonMapper.shared()
                .readTree(body)
                .valueStream()
                .filter(letter ->
                        eventId == null || eventId.equals(letter.path("eventId").asString()))
                .toList();
    }

    @Test
    void aReDriveWithoutAServiceTokenIsRefusedEvenForAModerator() {
        for (String authorization : new String[] {null, TestTokens.moderator().authorization()}) {
            management()
                    .post()
                    .uri("/actuator/deadletters/{topic}", DLQ)
                    .headers(headers -> {
                        if (authorization != null) {
                            headers.set(HttpHeaders.AUTHORIZATION, authorization);
                        }
                    })
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .expectBody()
                    .jsonPath("$.errors.token")
                    .exists();
        }
        // Reading them changes nothing: open to whoever reaches the management port, as health is.
        management()
                .get()
                .uri("/actuator/deadletters")
                .exchange()
                .expectStatus()
                .isOk();
    }

    private JsonNode redrive() {
        byte[] body = management()
                .post()
                .uri("/actuator/deadletters/{topic}", DLQ)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.serviceAuthorization())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody();
        return JsonMapper.shared().readTree(body);
    }
}
