package dev.newsroom.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * The suite started with {@code --observe}, once, and a few writes through the gateway (a
 * registration, an article, a comment on it) followed where an operator follows them: in Zipkin,
 * one trace per request from the gateway through the service, its outbox's publish and the
 * consumers of that event; in each process's {@code /actuator/prometheus}, the metrics of
 * docs/operations.md with the values that traffic explains; in Prometheus, every process scraped.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ObservedSuiteIT {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Path DATA_DIR = RunningSuite.home().resolve("system-tests/target/observed-suite-data");

    /** Spans reach Zipkin within a second of their end (the exporter's batch); consumers end later. */
    private static final Duration TRACE_WAIT = Duration.ofSeconds(30);

    /** Outbox gauges are counted every 10 s, consumer gauges every 15 s; a few rounds of both. */
    private static final Duration METRICS_WAIT = Duration.ofSeconds(90);

    /** Prometheus scrapes every 5 s; the first scrape of a target may wait up to one interval more. */
    private static final Duration TARGETS_WAIT = Duration.ofSeconds(30);

    private static RunningSuite suite;
    private static ConformanceClient client;
    private static String slug;
    private static RequestWindow articleWrite;
    private static RequestWindow commentWrite;

    /** The requests this class sent through the gateway, by the gateway's route label and method. */
    private static final Map<String, Integer> SENT = new LinkedHashMap<>();

    @BeforeAll
    static void startObservedAndWrite() throws Exception {
        suite = RunningSuite.startObserved(DATA_DIR, "--fresh", "--no-seed").awaitReady();
        client = new ConformanceClient(suite.gatewayUrl(), RealWorldDocument.load());

        ConformanceClient.User author = client.register("observer");
        sent("users", "POST");
        Instant before = Instant.now();
        slug = client.createArticle(author, ConformanceClient.unique("Traced story"), "tracing");
        articleWrite = new RequestWindow(before, Instant.now());
        sent("articles", "POST");
        before = Instant.now();
        // Retried while comment-service has not yet heard of the article: the last request is the write.
        client.comment(author, slug, "Followed from end to end");
        commentWrite = new RequestWindow(before, Instant.now());
        sent("comments", "POST");
    }

    @AfterAll
    static void stopSuite() throws InterruptedException {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    @Order(1)
    void zipkinAnswersAndTheReadyBannerSaysWhereTheConsolesAre() throws Exception {
        HttpResponse<String> health = get(suite.zipkinUrl() + "/health");

        assertThat(health.statusCode())
                .as("Zipkin's /health: %s", health.body())
                .isEqualTo(200);
        assertThat(suite.outputText())
                .containsPattern("Traces \\(Zipkin\\) +" + localhost(suite.zipkinUrl()) + "/zipkin/");
        if (InstalledPrograms.onPath("prometheus") != null) {
            assertThat(suite.outputText())
                    .containsPattern("Metrics \\(Prometheus\\) +" + localhost(suite.prometheusUrl()) + "/");
        } else {
            assertThat(suite.outputText()).contains("No prometheus on the PATH");
        }
    }

    /**
     * The launcher's half of the tracing contract, read from each process's environment (Linux's
     * /proc): when a trace is missing, this tells a launcher that did not ask from a service that did
     * not send.
     */
    @Test
    @Order(1)
    void everyServiceAndTheGatewayIsToldToTraceEveryRequestIntoThisZipkin() throws Exception {
        Map<String, Map<String, String>> told = new LinkedHashMap<>();
        for (ProcessHandle process : suite.process().children().toList()) {
            String commandLine = String.join(" ", process.info().arguments().orElse(new String[0]));
            Path environ = Path.of("/proc", String.valueOf(process.pid()), "environ");
            Assumptions.assumeTrue(Files.isReadable(environ), "no /proc to read a process's environment from");
            Map<String, String> environment = environment(environ);
            // The launcher's class-data training runs of a module, started in the background once
            // the suite is ready, serve no port (PORT=0) and are not the module's process.
            if ("0".equals(environment.get("PORT"))) {
                continue;
            }
            RunningSuite.MANAGED.stream()
                    .filter(module -> commandLine.contains("/" + module + "/target/"))
                    .findFirst()
                    .ifPresent(module -> told.put(module, environment));
        }

        assertThat(told.keySet()).containsExactlyInAnyOrderElementsOf(RunningSuite.MANAGED);
        told.forEach((module, environment) -> assertThat(environment)
                .as("%s's tracing environment", module)
                .containsEntry("TRACING_SAMPLING", "1.0")
                .containsEntry("ZIPKIN_ENDPOINT", suite.zipkinUrl() + "/api/v2/spans"));
    }

    private static Map<String, String> environment(Path environ) {
        try {
            Map<String, String> variables = new LinkedHashMap<>();
            for (String entry : Files.readString(environ).split("\0")) {
                int equals = entry.indexOf('=');
                if (equals > 0) {
                    variables.put(entry.substring(0, equals), entry.substring(equals + 1));
                }
            }
            return variables;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @Order(2)
    void anArticleWriteIsOneTraceFromTheGatewayThroughTheOutboxToTheEventsConsumers() throws Exception {
        awaitTrace(
                "the article creation (POST /api/articles)",
                articleWrite,
                "post articles",
                List.of(
                        "gateway SERVER",
                        "article-service SERVER",
                        "article-service PRODUCER",
                        "comment-service CONSUMER",
                        "trending-service CONSUMER"));
    }

    @Test
    @Order(3)
    void aCommentWriteIsOneTraceFromTheGatewayIntoCommentService() throws Exception {
        awaitTrace(
                "the comment write (POST /api/articles/{slug}/comments)",
                commentWrite,
                "post comments",
                List.of("gateway SERVER", "comment-service SERVER"));
    }

    @Test
    @Order(4)
    void aMalformedTraceparentFromAClientIsIgnoredNotAnError() throws Exception {
        for (String traceparent : List.of(
                "00-zzzz-bad",
                "garbage",
                "00-00000000000000000000000000000000-0000000000000000-01",
                "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra")) {
            for (String[] read : List.of(
                    new String[] {"/api/articles", "articles"}, new String[] {"/api/articles/" + slug, "article"})) {
                HttpRequest request = HttpRequest.newBuilder(
                                ConformanceClient.request(suite.gatewayUrl(), "GET", read[0], null, null),
                                (name, value) -> true)
                        .header("traceparent", traceparent)
                        .build();
                HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                sent(read[1], "GET");

                assertThat(answer.statusCode())
                        .as("GET %s with traceparent: %s answered %s", read[0], traceparent, answer.body())
                        .isEqualTo(200);
            }
        }
    }

    @Test
    @Order(5)
    void outboxesAndConsumersDrainToZeroOnceTheWritesHaveCrossedKafka() throws Exception {
        awaitMetrics("every outbox pending and every consumer lag back to 0", scrapes -> {
            List<String> problems = new ArrayList<>();
            for (String module : List.of("article-service", "comment-service")) {
                problems.addAll(allZero(scrapes.get(module), "newsroom_outbox_pending", module));
            }
            // The two consumers of the article event must report; any other that does must be at 0 too.
            List<String> consumers = List.of("comment-service", "trending-service");
            scrapes.forEach((module, scrape) -> {
                if (consumers.contains(module)
                        || !scrape.samples("newsroom_consumer_lag").isEmpty()) {
                    problems.addAll(allZero(scrape, "newsroom_consumer_lag", module));
                }
            });
            return problems;
        });
    }

    @Test
    @Order(6)
    void trendingServiceCountsTheEventsTheWritesCaused() throws Exception {
        awaitMetrics("newsroom_trending_events_applied_total above 0", scrapes -> {
            List<Series> applied = scrapes.get("trending-service").samples("newsroom_trending_events_applied_total");
            double total = applied.stream().mapToDouble(Series::value).sum();
            return total > 0 ? List.of() : List.of("trending-service: " + applied);
        });
    }

    @Test
    @Order(7)
    void theGatewayCountedEveryRequestThisClassSentByRouteAndMethod() throws Exception {
        Scrape gateway = scrape("gateway");

        for (Map.Entry<String, Integer> sent : SENT.entrySet()) {
            String route = sent.getKey().split(" ")[0];
            String method = sent.getKey().split(" ")[1];
            List<Series> counted = gateway.samples("newsroom_gateway_requests_seconds_count").stream()
                    .filter(sample -> route.equals(sample.labels().get("route"))
                            && method.equals(sample.labels().get("method")))
                    .toList();

            assertThat(counted.stream().mapToDouble(Series::value).sum())
                    .as(
                            "requests counted on route %s %s (%s) against the %d sent",
                            route, method, counted, sent.getValue())
                    .isGreaterThanOrEqualTo(sent.getValue());
        }
    }

    @Test
    @Order(8)
    void prometheusScrapesEveryProcessAndFindsItUp() throws Exception {
        InstalledPrograms.require(
                "prometheus", "prometheus is not installed (apt-get install prometheus), so --observe starts none");
        Instant deadline = Instant.now().plus(TARGETS_WAIT);
        Map<String, String> health = new LinkedHashMap<>();
        do {
            health.clear();
            JsonNode targets = json(get(suite.prometheusUrl() + "/api/v1/targets"))
                    .path("data")
                    .path("activeTargets");
            for (JsonNode target : targets) {
                health.put(
                        target.path("labels").path("job").asString(),
                        target.path("health").asString() + " "
                                + target.path("lastError").asString());
            }
            if (RunningSuite.MANAGED.stream()
                    .allMatch(job -> health.getOrDefault(job, "").startsWith("up"))) {
                return;
            }
            Thread.sleep(1000);
        } while (Instant.now().isBefore(deadline));
        fail("Prometheus' targets after " + TARGETS_WAIT.toSeconds() + " s, each wanted up: " + health);
    }

    // ---------------------------------------------------------------- traces

    /** A span as Zipkin's v2 API gives it, the little of it these checks read. */
    record Span(String traceId, String service, String kind, String name, long startMicros) {
        static Span of(JsonNode span) {
            return new Span(
                    span.path("traceId").asString(),
                    span.path("localEndpoint").path("serviceName").asString(),
                    span.has("kind") ? span.get("kind").asString() : "LOCAL",
                    span.path("name").asString(),
                    span.path("timestamp").asLong());
        }

        /** What a check asks for: {@code gateway SERVER}. */
        String role() {
            return service + " " + kind;
        }

        @Override
        public String toString() {
            return role() + " '" + name + "'";
        }
    }

    /** When a request was sent and answered, in Zipkin's microseconds; the gateway's span starts inside. */
    record RequestWindow(long fromMicros, long toMicros) {
        RequestWindow(Instant from, Instant to) {
            this(micros(from), micros(to));
        }

        boolean holds(long micros) {
            return micros >= fromMicros && micros <= toMicros;
        }

        private static long micros(Instant instant) {
            return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
        }
    }

    /**
     * Finds the trace of the request sent in {@code window} (the one whose gateway SERVER span began
     * last inside it) and waits until it holds a span of every wanted role, failing with what Zipkin
     * held instead.
     */
    private static void awaitTrace(String what, RequestWindow window, String gatewaySpan, List<String> wanted)
            throws Exception {
        Instant deadline = Instant.now().plus(TRACE_WAIT);
        Optional<String> traceId;
        List<Span> spans = List.of();
        do {
            traceId = gatewayTraceIn(window, gatewaySpan);
            if (traceId.isPresent()) {
                spans = trace(traceId.get());
                List<String> roles = spans.stream().map(Span::role).toList();
                if (roles.containsAll(wanted)) {
                    return;
                }
            }
            Thread.sleep(1000);
        } while (Instant.now().isBefore(deadline));
        if (traceId.isEmpty()) {
            fail("After " + TRACE_WAIT.toSeconds() + " s Zipkin (" + suite.zipkinUrl() + ") holds no trace with a"
                    + " gateway SERVER span '" + gatewaySpan + "' begun while " + what
                    + " was sent. The services Zipkin knows: "
                    + get(suite.zipkinUrl() + "/api/v2/services").body() + "; the gateway traces it holds: "
                    + gatewayTraces().size());
        }
        List<String> roles = spans.stream().map(Span::role).toList();
        fail("The trace " + traceId.get() + " of " + what + " lacks "
                + wanted.stream().filter(role -> !roles.contains(role)).toList() + " after "
                + TRACE_WAIT.toSeconds() + " s; it holds " + spans.size() + " spans:\n  "
                + spans.stream()
                        .sorted(Comparator.comparingLong(Span::startMicros))
                        .map(Span::toString)
                        .collect(Collectors.joining("\n  ")));
    }

    /**
     * The trace of the last request of the route named {@code gatewaySpan} (the gateway names its
     * spans {@code <method> <route>}, as its route metrics) whose gateway span began in {@code window}:
     * the front end's or a probe's requests may fall in the window too.
     */
    private static Optional<String> gatewayTraceIn(RequestWindow window, String gatewaySpan) throws Exception {
        return gatewayTraces().stream()
                .flatMap(List::stream)
                .filter(span -> span.role().equals("gateway SERVER")
                        && span.name().equals(gatewaySpan)
                        && window.holds(span.startMicros()))
                .max(Comparator.comparingLong(Span::startMicros))
                .map(Span::traceId);
    }

    /** Every trace with a gateway span since this class began, as {@code GET /api/v2/traces} lists them. */
    private static List<List<Span>> gatewayTraces() throws Exception {
        long now = System.currentTimeMillis();
        long lookback = now - articleWrite.fromMicros() / 1000 + 60_000;
        HttpResponse<String> answer = get(suite.zipkinUrl() + "/api/v2/traces?serviceName=gateway&limit=1000&endTs="
                + now + "&lookback=" + lookback);
        assertThat(answer.statusCode())
                .as("Zipkin's trace search: %s", answer.body())
                .isEqualTo(200);
        List<List<Span>> traces = new ArrayList<>();
        for (JsonNode trace : json(answer)) {
            List<Span> spans = new ArrayList<>();
            trace.forEach(span -> spans.add(Span.of(span)));
            traces.add(spans);
        }
        return traces;
    }

    private static List<Span> trace(String traceId) throws Exception {
        HttpResponse<String> answer =
                get(suite.zipkinUrl() + "/api/v2/trace/" + URLEncoder.encode(traceId, StandardCharsets.UTF_8));
        assertThat(answer.statusCode())
                .as("Zipkin's trace %s: %s", traceId, answer.body())
                .isEqualTo(200);
        List<Span> spans = new ArrayList<>();
        json(answer).forEach(span -> spans.add(Span.of(span)));
        return spans;
    }

    // ---------------------------------------------------------------- metrics

    /** One line of a scrape: a series and its value. */
    record Series(String name, Map<String, String> labels, double value) {
        @Override
        public String toString() {
            return name + labels + " " + value;
        }
    }

    /** One process's {@code /actuator/prometheus}, parsed. */
    record Scrape(List<Series> samples) {
        private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)");
        private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

        static Scrape of(String text) {
            List<Series> samples = new ArrayList<>();
            for (String line : text.split("\n")) {
                Matcher matcher = LINE.matcher(line);
                if (line.startsWith("#") || !matcher.find()) {
                    continue;
                }
                Map<String, String> labels = new LinkedHashMap<>();
                if (matcher.group(2) != null) {
                    Matcher label = LABEL.matcher(matcher.group(2));
                    while (label.find()) {
                        labels.put(label.group(1), label.group(2));
                    }
                }
                samples.add(new Series(matcher.group(1), labels, value(matcher.group(3))));
            }
            return new Scrape(samples);
        }

        private static double value(String text) {
            return switch (text) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(text);
            };
        }

        List<Series> samples(String name) {
            return samples.stream().filter(sample -> sample.name().equals(name)).toList();
        }
    }

    private static Scrape scrape(String module) throws Exception {
        HttpResponse<String> answer = get(suite.managementUrl(module) + "/actuator/prometheus");
        assertThat(answer.statusCode()).as("%s's /actuator/prometheus", module).isEqualTo(200);
        return Scrape.of(answer.body());
    }

    /** What is wrong with one metric of one process: it is absent, or one of its series is not 0. */
    private static List<String> allZero(Scrape scrape, String metric, String module) {
        List<Series> samples = scrape.samples(metric);
        if (samples.isEmpty()) {
            return List.of(module + ": no " + metric);
        }
        return samples.stream()
                .filter(sample -> sample.value() != 0)
                .map(sample -> module + ": " + sample)
                .toList();
    }

    /**
     * Scrapes every process until {@code problems} finds none, and fails with the last ones it found.
     */
    private static void awaitMetrics(String what, Function<Map<String, Scrape>, List<String>> problems)
            throws Exception {
        Instant deadline = Instant.now().plus(METRICS_WAIT);
        List<String> found;
        do {
            Map<String, Scrape> scrapes = new LinkedHashMap<>();
            for (String module : RunningSuite.MANAGED) {
                scrapes.put(module, scrape(module));
            }
            found = problems.apply(scrapes);
            if (found.isEmpty()) {
                return;
            }
            Thread.sleep(2000);
        } while (Instant.now().isBefore(deadline));
        fail("Not " + what + " after " + METRICS_WAIT.toSeconds() + " s:\n  " + String.join("\n  ", found));
    }

    // ---------------------------------------------------------------- HTTP

    private static synchronized void sent(String route, String method) {
        SENT.merge(route + " " + method, 1, Integer::sum);
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> answer) {
        return ConformanceClient.JSON.readTree(answer.body());
    }

    /** The banner names consoles as {@code http://localhost:<port>}. */
    private static String localhost(String url) {
        return url.replace("127.0.0.1", "localhost");
    }
}
