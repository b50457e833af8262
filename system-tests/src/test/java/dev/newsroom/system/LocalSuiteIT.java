package dev.newsroom.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
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
 * gateway as a client would. One suite serves every test here; the last tests stop it, start it again
 * on the same data and start others of their own.
 *
 * <p>That suite is itself the second start on its data: the first ({@code --fresh}) is stopped while
 * it writes the demo content, so that the start every test uses is also the one that must finish that
 * content. A start of the whole suite costs a minute or more of the two cores; the interrupted one
 * ends as soon as the first demo article is written.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalSuiteIT {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path DATA_DIR = RunningSuite.home().resolve("system-tests/target/suite-data");
    private static final Path JOURNAL = DATA_DIR.resolve("demo-content.journal");

    private static Map<String, Integer> ports;
    private static RunningSuite suite;
    /** Whether the first start, stopped while writing the demo content, ended within 20 s. */
    private static boolean interruptedStartEnded;
    /** The demo-content journal as the first start left it. */
    private static String journalOfTheInterruptedStart;

    private static String username;
    private static String tokenBeforeRestart;
    private static String articleSlug;

    @BeforeAll
    static void startSuite() throws Exception {
        ports = RunningSuite.freePorts();
        // The journal of an earlier run must not be mistaken for this one's before --fresh removes it.
        deleteTree(DATA_DIR);
        try (RunningSuite interrupted = RunningSuite.start(ports, DATA_DIR, "--fresh")) {
            awaitJournalLine(interrupted, JOURNAL, "done article:");
            interruptedStartEnded = interrupted.stop(Duration.ofSeconds(20));
        }
        journalOfTheInterruptedStart = Files.readString(JOURNAL);
        suite = RunningSuite.start(ports, DATA_DIR).awaitReady();
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
        HttpResponse<String> response = get(suite.managementUrl("gateway") + "/actuator/health/services");

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
    @Order(1)
    void everyProcessServesItsMetricsOnItsManagementPortAndNoneOfTheActuatorAtItsDoor() throws Exception {
        for (String module : RunningSuite.MANAGED) {
            HttpResponse<String> metrics = get(suite.managementUrl(module) + "/actuator/prometheus");
            assertThat(metrics.statusCode())
                    .as("%s's /actuator/prometheus", module)
                    .isEqualTo(200);
            assertThat(metrics.body())
                    .as("%s's metrics", module)
                    .contains("jvm_memory_used_bytes{")
                    .contains("application=\"" + module + "\"");
        }
        assertThat(get(suite.gatewayUrl() + "/actuator/health").statusCode()).isEqualTo(404);
        assertThat(get(suite.gatewayUrl() + "/readyz").statusCode()).isEqualTo(200);
    }

    /**
     * Runs before any test writes an article or a comment, so that what the listings hold is the
     * demo content alone.
     */
    @Test
    @Order(1)
    void aStartStoppedWhileWritingTheDemoContentIsFinishedByTheNextStartWithNothingWrittenTwice() throws Exception {
        assertThat(interruptedStartEnded)
                .as("the first start ended once stopped")
                .isTrue();
        assertThat(journalOfTheInterruptedStart).as("stopped while seeding").doesNotContain("complete");
        assertThat(suite.outputText()).contains("Finishing the demo content an earlier start began");
        assertThat(Files.readString(JOURNAL)).endsWith("complete\n");

        JsonNode articles = JSON.readTree(
                        get(suite.gatewayUrl() + "/api/articles?limit=100").body())
                .path("articles");
        List<String> titles = new ArrayList<>();
        articles.forEach(article -> titles.add(article.path("title").asString()));
        assertThat(titles).as("the demo articles, each once").hasSize(6).doesNotHaveDuplicates();
        List<String> comments = new ArrayList<>();
        for (JsonNode article : articles) {
            JsonNode list = JSON.readTree(get(suite.gatewayUrl() + "/api/articles/"
                                    + article.path("slug").asString() + "/comments?limit=100")
                            .body())
                    .path("comments");
            list.forEach(comment -> comments.add(comment.path("body").asString()));
        }
        assertThat(comments)
                .as("every published demo comment, each once (the held one is not public)")
                .hasSize(9)
                .doesNotHaveDuplicates();
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
    @Order(10)
    void heldCommentsReachOnlyModeratorsUntilApprovedAndLiveCommentsStreamThroughTheGateway() throws Exception {
        String reader = "Token " + register("reader" + System.nanoTime());
        String moderator = "Token " + register("suite-moderator");
        BlockingQueue<String> live = new LinkedBlockingQueue<>();
        CompletableFuture<HttpResponse<Stream<String>>> stream = HTTP.sendAsync(
                HttpRequest.newBuilder(
                                URI.create(suite.gatewayUrl() + "/api/articles/" + articleSlug + "/comments/stream"))
                        .header("Accept", "text/event-stream")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        stream.thenAccept(response -> response.body().forEach(live::add));
        try {
            String links = "Read https://a.example/1 https://b.example/2 https://c.example/3";
            HttpResponse<String> held = post(
                    "/api/articles/" + articleSlug + "/comments", "{\"comment\":{\"body\":\"" + links + "\"}}", reader);
            assertThat(held.statusCode()).as(held.body()).isEqualTo(201);
            JsonNode heldComment = JSON.readTree(held.body()).path("comment");
            assertThat(heldComment.path("status").asString()).isEqualTo("held");
            long heldId = heldComment.path("id").asLong();
            assertThat(get(suite.gatewayUrl() + "/api/articles/" + articleSlug + "/comments")
                            .body())
                    .doesNotContain(links);

            HttpResponse<String> queue = get(suite.gatewayUrl() + "/api/moderation/comments?limit=100", moderator);
            assertThat(queue.statusCode()).as(queue.body()).isEqualTo(200);
            assertThat(queue.body()).contains(links).contains("\"username\":\"reader");
            assertThat(get(suite.gatewayUrl() + "/api/moderation/comments", reader)
                            .statusCode())
                    .isEqualTo(403);

            HttpResponse<String> approved = post("/api/moderation/comments/" + heldId + "/approve", "", moderator);
            assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
            assertThat(get(suite.gatewayUrl() + "/api/articles/" + articleSlug + "/comments")
                            .body())
                    .contains(links);

            // The stream joined the topic at its newest record, so wait for any comment to show first.
            String seen = null;
            for (int attempt = 0; attempt < 20 && seen == null; attempt++) {
                String body = "Live comment " + attempt;
                post("/api/articles/" + articleSlug + "/comments", "{\"comment\":{\"body\":\"" + body + "\"}}", reader);
                seen = awaitLine(live, line -> line.contains(body), Duration.ofSeconds(3));
            }
            assertThat(seen).as("a posted comment arrives on the live stream").isNotNull();
            assertThat(seen).contains("\"author\":{\"username\":\"reader");
        } finally {
            stream.cancel(true);
        }
    }

    @Test
    @Order(11)
    void theArticlePageComposesArticleCommentsAndPopularPostsInOneResponse() throws Exception {
        HttpResponse<String> page = get(suite.gatewayUrl() + "/api/pages/articles/" + articleSlug);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(page.body());
        assertThat(body.path("article").path("slug").asString()).isEqualTo(articleSlug);
        assertThat(body.path("article").path("author").path("username").asString())
                .isEqualTo(username);
        assertThat(body.path("comments").path("comments").path(0).path("body").asString())
                .isEqualTo("First!");
        assertThat(body.path("missing").toString()).doesNotContain("comments");
        assertThat(get(suite.gatewayUrl() + "/api/pages/articles/no-such-story").statusCode())
                .isEqualTo(404);
    }

    @Test
    @Order(12)
    void theDoorAnswersCorsPreflightsAndNamesEveryRequest() throws Exception {
        HttpResponse<String> preflight = HTTP.send(
                HttpRequest.newBuilder(URI.create(suite.gatewayUrl() + "/api/articles"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", "http://localhost:4100")
                        .header("Access-Control-Request-Method", "POST")
                        .header("Access-Control-Request-Headers", "authorization,content-type")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .isPresent();

        HttpResponse<String> tags = get(suite.gatewayUrl() + "/api/tags");
        assertThat(tags.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(tags.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(post("/api/users/login", "{\"user\":" + "[1,".repeat(400_000) + "]}}")
                        .statusCode())
                .as("a body over the limit")
                .isEqualTo(413);
    }

    @Test
    @Order(13)
    void aClientOverItsBudgetIsToldToComeBackLater() throws Exception {
        String greedy = "Token " + register("greedy" + System.nanoTime());
        HttpResponse<String> last = null;
        // The bucket refills 5 tokens a second: a slow loop of 400 could stay within budget, so go on
        // longer, and send them 25 at a time so that the budget runs out in seconds, not tens of them.
        for (int batch = 0; batch < 80 && (last == null || last.statusCode() != 429); batch++) {
            List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                sent.add(HTTP.sendAsync(
                        request(suite.gatewayUrl() + "/api/user", greedy), HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> answer : sent) {
                HttpResponse<String> response = answer.get();
                if (last == null || last.statusCode() != 429) {
                    last = response;
                }
            }
        }
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(last.headers().firstValue("Retry-After")).isPresent();
        assertThat(last.body()).isEqualTo("{\"errors\":{\"request\":[\"is rate limited\"]}}");
        assertThat(get(suite.gatewayUrl() + "/api/tags").statusCode())
                .as("other clients are not affected")
                .isEqualTo(200);
    }

    @Test
    @Order(98)
    void withCommentServiceStoppedTheArticlePageStillComesBackCommentsAre503AndTheOthersAnswer() throws Exception {
        ProcessHandle comments = suite.process()
                .descendants()
                .filter(process -> process.info().commandLine().orElse("").contains("comment-service"))
                .findFirst()
                .orElseThrow();
        comments.destroy();
        assertThat(comments.onExit().get(30, TimeUnit.SECONDS).isAlive()).isFalse();

        Instant asked = Instant.now();
        HttpResponse<String> page = get(suite.gatewayUrl() + "/api/pages/articles/" + articleSlug);
        assertThat(Duration.between(asked, Instant.now())).isLessThan(Duration.ofSeconds(8));
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.headers().firstValue("X-Newsroom-Degraded").orElse("")).contains("comments");
        JsonNode body = JSON.readTree(page.body());
        assertThat(body.path("article").path("slug").asString()).isEqualTo(articleSlug);
        assertThat(body.path("comments").isNull()).isTrue();
        assertThat(body.path("missing").toString()).contains("comments");

        HttpResponse<String> list = get(suite.gatewayUrl() + "/api/articles/" + articleSlug + "/comments");
        assertThat(list.statusCode()).isEqualTo(503);
        assertThat(list.body()).isEqualTo("{\"errors\":{\"service\":[\"unavailable\"]}}");
        HttpResponse<String> posted = post(
                "/api/articles/" + articleSlug + "/comments",
                "{\"comment\":{\"body\":\"Anyone there?\"}}",
                "Token " + tokenBeforeRestart);
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(503);

        // The services that are up keep answering in full.
        HttpResponse<String> article = get(suite.gatewayUrl() + "/api/articles/" + articleSlug);
        assertThat(article.statusCode())
                .as("article-service: " + article.body())
                .isEqualTo(200);
        HttpResponse<String> user = get(suite.gatewayUrl() + "/api/user", "Token " + tokenBeforeRestart);
        assertThat(user.statusCode()).as("user-service: " + user.body()).isEqualTo(200);
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
        assertThat(children)
                .as("kafka, mongo, the gateway and the services still running (comment-service was stopped above)")
                .hasSizeGreaterThanOrEqualTo(7);

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
        // No later test uses this suite: stopped now, it leaves the two cores to the starts that follow.
        suite.close();
    }

    @Test
    @Order(7)
    void theConsoleOfADefaultStartShowsTheSuiteOnOneScreenNotLibraryNoise() {
        String output = suite.outputText();
        List<String> start =
                List.of(output.substring(0, output.indexOf("NEWSROOM READY")).split("\n"));

        assertThat(start).as("the console up to the ready line:%n%s", output).hasSizeLessThanOrEqualTo(40);
        assertThat(output)
                .doesNotContain("ProducerConfig values", ":: Spring Boot ::", " INFO ")
                .doesNotContain("\r", "\033")
                .contains("ready  gateway", "ready  kafka", "Demo content written");
    }

    @Test
    @Order(101)
    void ctrlCWhileTheSuiteIsStillStartingStopsEveryProcessItStartedWithin15Seconds() throws Exception {
        Path dataDir = DATA_DIR.resolveSibling("interrupted-start");
        try (RunningSuite starting = RunningSuite.start(RunningSuite.freePorts(), dataDir, "--fresh", "--no-seed")) {
            List<ProcessHandle> children = awaitChildren(starting, 8);
            assertThat(starting.outputText()).doesNotContain("NEWSROOM READY");

            Instant begun = Instant.now();
            interrupt(starting.process());
            boolean ended = starting.process().waitFor(15, TimeUnit.SECONDS);
            Duration took = Duration.between(begun, Instant.now());
            awaitGone(children, begun.plusSeconds(15));

            assertThat(ended)
                    .as("the launcher ended within 15 s (took %s)", took)
                    .isTrue();
            assertThat(children)
                    .as("every JVM it started is gone within 15 s of Ctrl-C")
                    .noneMatch(ProcessHandle::isAlive);
            assertThat(starting.outputText()).doesNotContain("NEWSROOM READY");
        }
    }

    private static void deleteTree(Path root) throws Exception {
        if (Files.exists(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    /** Waits until the launcher has started {@code count} processes, and answers them. */
    private static List<ProcessHandle> awaitChildren(RunningSuite starting, int count) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(120);
        List<ProcessHandle> children = List.of();
        while (Instant.now().isBefore(deadline)) {
            children = starting.process().children().toList();
            if (children.size() >= count) {
                return children;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the launcher started " + children.size() + " processes:\n" + starting.outputTail(40));
    }

    private static void awaitGone(List<ProcessHandle> processes, Instant deadline) throws InterruptedException {
        while (processes.stream().anyMatch(ProcessHandle::isAlive)
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
    }

    /** Ctrl-C: SIGINT, as a terminal sends it. */
    private static void interrupt(Process process) throws Exception {
        Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).start();
        assertThat(kill.waitFor()).isZero();
    }

    private static void awaitJournalLine(RunningSuite running, Path journal, String wanted) throws Exception {
        Instant deadline = Instant.now().plus(RunningSuite.START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(journal) && Files.readString(journal).contains(wanted)) {
                return;
            }
            if (!running.process().isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the journal never said '" + wanted + "':\n" + running.outputTail(60));
    }

    private static String register(String name) throws Exception {
        HttpResponse<String> registered = post(
                "/api/users",
                "{\"user\":{\"username\":\"" + name + "\",\"email\":\"" + name
                        + "@example.org\",\"password\":\"correct-horse\"}}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        return JSON.readTree(registered.body()).path("user").path("token").asString();
    }

    private static String awaitLine(BlockingQueue<String> lines, Predicate<String> wanted, Duration wait)
            throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && wanted.test(line)) {
                return line;
            }
        }
        return null;
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return get(url, null);
    }

    private static HttpResponse<String> get(String url, String authorization) throws Exception {
        return HTTP.send(request(url, authorization), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(String url, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.build();
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
