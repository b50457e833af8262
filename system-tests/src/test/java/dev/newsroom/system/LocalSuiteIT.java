package dev.newsroom.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole suite as separate processes, started the way the README starts it and used through the
 * gateway as a client would. One suite serves every test here; the last test stops it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalSuiteIT {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path DATA_DIR = RunningSuite.home().resolve("system-tests/target/suite-data");

    private static Map<String, Integer> ports;
    private static RunningSuite suite;
    private static String username;
    private static String tokenBeforeRestart;
    private static String articleSlug;

    @BeforeAll
    static void startSuite() {
        ports = RunningSuite.freePorts();
        suite = RunningSuite.start(ports, DATA_DIR, "--fresh").awaitReady();
    }

    @AfterAll
    static void stopSuite() throws InterruptedException {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    @Order(1)
    void everyServiceIsHealthyThroughTheGateway() throws Exception {
        HttpResponse<String> response = get(suite.gatewayUrl() + "/actuator/health/services");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = JSON.readTree(response.body());
        assertThat(health.path("status").asString()).isEqualTo("UP");
        for (String service : List.of("user", "article", "comment", "trending", "assistant")) {
            assertThat(health.path("components").path(service).path("status").asString())
                    .as("health of %s through the gateway", service)
                    .isEqualTo("UP");
        }
    }

    @Test
    @Order(2)
    void aSecondSuiteOnTheSamePortsIsRefusedNamingThePort() throws Exception {
        try (RunningSuite second = RunningSuite.start(ports, DATA_DIR.resolveSibling("second-suite"))) {
            int status = second.awaitExit(Duration.ofSeconds(60));

            assertThat(status).isEqualTo(2);
            assertThat(second.outputText())
                    .contains("Port " + ports.get("GATEWAY_PORT") + " (gateway) is already in use")
                    .contains("GATEWAY_PORT")
                    .doesNotContain("Exception");
        }
    }

    @Test
    @Order(3)
    void aClientRegistersAndSignsInThroughTheGateway() throws Exception {
        username = "reader" + System.nanoTime() % 100000;
        HttpResponse<String> registered = post(
                "/api/users",
                "{\"user\":{\"username\":\"" + username + "\",\"email\":\"" + username
                        + "@example.org\",\"password\":\"correct-horse\"}}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        tokenBeforeRestart =
                JSON.readTree(registered.body()).path("user").path("token").asString();

        HttpResponse<String> current = get(suite.gatewayUrl() + "/api/user", "Token " + tokenBeforeRestart);
        assertThat(current.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(current.body()).path("user").path("username").asString())
                .isEqualTo(username);
    }

    @Test
    @Order(4)
    void theRegistrationIsPublishedOnKafkaForOtherSystems() {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                "127.0.0.1:" + ports.get("KAFKA_PORT"),
                ConsumerConfig.GROUP_ID_CONFIG,
                "system-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class);
        List<ConsumerRecord<String, String>> registrations = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of("newsroom.users.v1"));
            Instant deadline = Instant.now().plusSeconds(30);
            while (registrations.isEmpty() && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (record.value().contains("\"" + username + "\"")) {
                        registrations.add(record);
                    }
                });
            }
        }
        assertThat(registrations).hasSize(1);
        assertThat(new String(
                        registrations.get(0).headers().lastHeader("ce_type").value()))
                .isEqualTo("newsroom.user.registered.v1");
    }

    @Test
    @Order(5)
    void aCommentOnAJustPublishedArticleIsAcceptedBecauseTheArticleEventCrossedKafka() throws Exception {
        HttpResponse<String> article = post(
                "/api/articles",
                "{\"article\":{\"title\":\"Council votes\",\"description\":\"What changed\",\"body\":\"Details.\"}}",
                "Token " + tokenBeforeRestart);
        assertThat(article.statusCode()).as(article.body()).isEqualTo(201);
        articleSlug = JSON.readTree(article.body()).path("article").path("slug").asString();
        assertThat(JSON.readTree(article.body())
                        .path("article")
                        .path("author")
                        .path("username")
                        .asString())
                .as("the gateway adds the author's profile")
                .isEqualTo(username);

        // comment-service knows articles only from article-service's events on Kafka.
        HttpResponse<String> comment = post(
                "/api/articles/" + articleSlug + "/comments",
                "{\"comment\":{\"body\":\"First!\"}}",
                "Token " + tokenBeforeRestart);
        assertThat(comment.statusCode()).as(comment.body()).isEqualTo(201);

        HttpResponse<String> comments = get(suite.gatewayUrl() + "/api/articles/" + articleSlug + "/comments");
        assertThat(JSON.readTree(comments.body())
                        .path("comments")
                        .path(0)
                        .path("body")
                        .asString())
                .isEqualTo("First!");
    }

    @Test
    @Order(6)
    void aReaderAsksAboutAJustPublishedArticleAndIsAnsweredFromItsText() throws Exception {
        String body = "The harbour bridge reopened on Monday after two years of repairs.\n\n"
                + "The repair cost 48 million euros, most of it paid by the regional government.\n\n"
                + "Cyclists get their own lane next spring.";
        HttpResponse<String> article = post(
                "/api/articles",
                "{\"article\":{\"title\":\"Bridge reopens\",\"description\":\"Two years on\",\"body\":"
                        + JSON.writeValueAsString(body) + "}}",
                "Token " + tokenBeforeRestart);
        assertThat(article.statusCode()).as(article.body()).isEqualTo(201);
        String slug = JSON.readTree(article.body()).path("article").path("slug").asString();

        // Anonymous, through the gateway; assistant-service knows the article only from Kafka.
        HttpResponse<String> answer =
                post("/api/articles/" + slug + "/ask", "{\"question\":\"How much did the repair cost?\"}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode answered = JSON.readTree(answer.body()).path("answer");
        assertThat(answered.path("answered").asBoolean()).isTrue();
        assertThat(answered.path("answerer").asString()).isEqualTo("extractive");
        JsonNode passage = answered.path("passages").path(0);
        assertThat(passage.path("text").asString()).contains("48 million euros");
        assertThat(body.substring(
                        passage.path("start").asInt(), passage.path("end").asInt()))
                .isEqualTo(passage.path("text").asString());

        HttpResponse<String> streamed = HTTP.send(
                HttpRequest.newBuilder(URI.create(suite.gatewayUrl() + "/api/articles/" + slug + "/ask"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .header("Accept", "text/event-stream")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"question\":\"Who gets a lane?\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(streamed.statusCode()).as(streamed.body()).isEqualTo(200);
        assertThat(streamed.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        assertThat(streamed.body()).contains("event: passage", "event: token", "event: done", "Cyclists");
    }

    @Test
    @Order(99)
    void sigtermStopsEveryProcessWithin15Seconds() throws Exception {
        List<ProcessHandle> children = suite.process().descendants().toList();
        assertThat(children).as("kafka, mongo, five services and the gateway").hasSizeGreaterThanOrEqualTo(8);

        Instant begun = Instant.now();
        boolean stopped = suite.stop(Duration.ofSeconds(15));
        Duration took = Duration.between(begun, Instant.now());

        assertThat(stopped).as("stopped within 15 s (took %s)", took).isTrue();
        assertThat(children).noneMatch(ProcessHandle::isAlive);
    }

    @Test
    @Order(100)
    void dataWrittenThroughTheGatewaySurvivesARestart() throws Exception {
        suite = RunningSuite.start(ports, DATA_DIR).awaitReady();

        HttpResponse<String> login = post(
                "/api/users/login",
                "{\"user\":{\"email\":\"" + username + "@example.org\",\"password\":\"correct-horse\"}}");
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        HttpResponse<String> withOldToken = get(suite.gatewayUrl() + "/api/user", "Token " + tokenBeforeRestart);
        assertThat(withOldToken.statusCode())
                .as("a token issued before the restart is still valid: the signing key was kept")
                .isEqualTo(200);
        HttpResponse<String> comments = get(suite.gatewayUrl() + "/api/articles/" + articleSlug + "/comments");
        assertThat(comments.statusCode()).as(comments.body()).isEqualTo(200);
        assertThat(JSON.readTree(comments.body())
                        .path("comments")
                        .path(0)
                        .path("body")
                        .asString())
                .isEqualTo("First!");
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return get(url, null);
    }

    private static HttpResponse<String> get(String url, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String json) throws Exception {
        return post(path, json, null);
    }

    private static HttpResponse<String> post(String path, String json, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(suite.gatewayUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
