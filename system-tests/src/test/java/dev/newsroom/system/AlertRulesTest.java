package dev.newsroom.system;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The alert rules, Prometheus' configuration and the Grafana dashboard are read by nobody until
 * something is already wrong, and then a rule that never fires or a panel on a misspelt metric is
 * silence where an operator needed a signal. So they are checked here: {@code promtool} (Debian's
 * {@code prometheus} package, which {@code .ci/run} installs) validates the rules, runs their unit
 * tests ({@code deploy/prometheus/alerts-test.yml}) and checks the configuration; every metric the
 * rules and the dashboard read must be one the suite exports or a standard one listed here; every
 * alert says how bad it is and links its runbook in {@code docs/operations.md}. Without {@code
 * promtool} its checks are skipped with a message, except under CI, where they fail.
 */
class AlertRulesTest {

    private static final Path HOME = RunningSuite.home();
    private static final Path ALERTS = HOME.resolve("deploy/prometheus/alerts.yml");
    private static final Path ALERTS_TEST = HOME.resolve("deploy/prometheus/alerts-test.yml");
    private static final Path PROMETHEUS = HOME.resolve("deploy/prometheus/prometheus.yml");
    private static final Path DASHBOARD = HOME.resolve("deploy/grafana/dashboards/newsroom.json");
    private static final Path OPERATIONS = HOME.resolve("docs/operations.md");
    private static final String RUNBOOK = "docs/operations.md#";

    /** What the suite's own code exports, as Prometheus names it (docs/operations.md explains each). */
    private static final Set<String> NEWSROOM_METRICS = Set.of(
            "newsroom_outbox_pending",
            "newsroom_outbox_oldest_age_seconds",
            "newsroom_outbox_published_total",
            "newsroom_outbox_failures_total",
            "newsroom_outbox_failing",
            "newsroom_consumer_lag",
            "newsroom_consumer_oldest_age_seconds",
            "newsroom_deadletters_waiting",
            "newsroom_deadletters_redriven_total",
            "newsroom_trending_events_applied_total",
            "newsroom_trending_freshness_seconds_bucket",
            "newsroom_trending_freshness_seconds_count",
            "newsroom_trending_freshness_seconds_sum",
            "newsroom_article_views_dropped_total",
            "newsroom_comment_held",
            "newsroom_assistant_answers_seconds_count",
            "newsroom_assistant_llm_fallbacks_total",
            "newsroom_gateway_requests_seconds_bucket",
            "newsroom_gateway_requests_seconds_count",
            "newsroom_gateway_requests_seconds_sum",
            "newsroom_gateway_rate_limited_total",
            "newsroom_gateway_degraded_total");

    /**
     * Standard names: Spring Boot's request timer (its buckets are the ten SLO buckets every service
     * sets on http.server.requests), Micrometer's JVM and process meters, Resilience4j's breaker
     * state, and Prometheus' own up.
     */
    private static final Set<String> STANDARD_METRICS = Set.of(
            "http_server_requests_seconds_count",
            "http_server_requests_seconds_sum",
            "http_server_requests_seconds_bucket",
            "http_server_requests_seconds_max",
            "jvm_memory_used_bytes",
            "jvm_memory_committed_bytes",
            "jvm_memory_max_bytes",
            "process_cpu_usage",
            "resilience4j_circuitbreaker_state",
            "up");

    private static final Set<String> SEVERITIES = Set.of("critical", "warning");

    @Test
    void theAlertRulesAreValid() {
        promtool("check", "rules", ALERTS.toString());
    }

    @Test
    void everyAlertFiresOnABrokenSuiteAndStaysQuietOnAHealthyOne() {
        promtool("test", "rules", ALERTS_TEST.toString());
    }

    @Test
    void thePrometheusConfigurationIsValidAndFindsItsRules() {
        // Its rule_files are relative to it, so the check reads deploy/prometheus/alerts.yml, the same
        // file the container reads next to its configuration.
        String output = promtool("check", "config", PROMETHEUS.toString());

        assertThat(output).contains(ALERTS.getFileName().toString());
    }

    @Test
    void everyDashboardQueryIsValidPromQl(@TempDir Path dir) throws IOException {
        // promtool has no check for a bare query, so each one goes in as a recording rule.
        List<Map<String, String>> rules = new ArrayList<>();
        for (String query : dashboardQueries()) {
            rules.add(Map.of("record", "dashboard_query_" + rules.size(), "expr", withGrafanaVariables(query)));
        }
        Path file = dir.resolve("dashboard-queries.yml");
        Files.writeString(
                file, new Yaml().dump(Map.of("groups", List.of(Map.of("name", "dashboard", "rules", rules)))));

        promtool("check", "rules", file.toString());
    }

    @Test
    void everyAlertHasATestThatFiresItAndOneThatShowsItQuietBefore() throws IOException {
        Map<String, List<Case>> cases = new LinkedHashMap<>();
        List<?> tests = list(yaml(ALERTS_TEST).get("tests"));
        for (int group = 0; group < tests.size(); group++) {
            for (Object entry : list(map(tests.get(group)).get("alert_rule_test"))) {
                Map<String, Object> test = map(entry);
                cases.computeIfAbsent(String.valueOf(test.get("alertname")), name -> new ArrayList<>())
                        .add(new Case(
                                group,
                                duration(test.get("eval_time")),
                                !list(test.get("exp_alerts")).isEmpty()));
            }
        }
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> alert : alerts()) {
            String name = String.valueOf(alert.get("alert"));
            List<Case> own = cases.getOrDefault(name, List.of());
            if (own.stream().noneMatch(Case::fires)) {
                problems.add(name + ": no test in which it fires");
            }
            // Quiet earlier on the same series: proves the threshold and, with a for:, that it waits.
            boolean quietBefore = own.stream()
                    .filter(Case::fires)
                    .anyMatch(firing -> own.stream()
                            .anyMatch(quiet -> !quiet.fires()
                                    && quiet.group() == firing.group()
                                    && quiet.at().compareTo(firing.at()) < 0));
            if (!quietBefore) {
                problems.add(name + ": no test in which it is quiet on the series that later fire it");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyAlertSaysHowBadItIsWhatItMeansAndWhereItsRunbookIs() throws IOException {
        Set<String> anchors = anchors(Files.readString(OPERATIONS));
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> alert : alerts()) {
            String name = String.valueOf(alert.get("alert"));
            Object severity = map(alert.get("labels")).get("severity");
            if (!SEVERITIES.contains(String.valueOf(severity))) {
                problems.add(name + ": severity " + severity + ", expected one of " + SEVERITIES);
            }
            Map<String, Object> annotations = map(alert.get("annotations"));
            for (String annotation : List.of("summary", "description", "runbook")) {
                if (String.valueOf(annotations.getOrDefault(annotation, "")).isBlank()) {
                    problems.add(name + ": no " + annotation);
                }
            }
            String runbook = String.valueOf(annotations.get("runbook"));
            if (!runbook.startsWith(RUNBOOK) || !anchors.contains(runbook.substring(RUNBOOK.length()))) {
                problems.add(name + ": runbook " + runbook + " is no heading of docs/operations.md " + anchors);
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theDashboardHasARowPerProcessWhosePanelsShowThatProcess() throws Exception {
        JsonNode dashboard = dashboard();
        JsonNode variable = stream(dashboard.path("templating").path("list"))
                .filter(node -> node.path("name").asString().equals("datasource"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no datasource template variable"));
        assertThat(variable.path("type").asString()).isEqualTo("datasource");
        assertThat(variable.path("query").asString()).isEqualTo("prometheus");

        List<String> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String row = null;
        for (JsonNode panel : dashboard.path("panels")) {
            String title = panel.path("title").asString();
            if (panel.path("type").asString().equals("row")) {
                row = title;
                rows.add(row);
                continue;
            }
            if (!panel.path("datasource").path("uid").asString().equals("${datasource}")) {
                problems.add(row + " / " + title + ": data source " + panel.path("datasource"));
            }
            if (panel.path("targets").isEmpty()) {
                problems.add(row + " / " + title + ": no query");
            }
            // A panel copied from another row and not adapted would show the other process.
            for (JsonNode target : panel.path("targets")) {
                if (!target.path("expr").asString().contains("application=\"" + row + "\"")) {
                    problems.add(
                            row + " / " + title + ": " + target.path("expr").asString());
                }
            }
        }
        List<String> processes = ComposeFileTest.Repository.find().serviceModules().stream()
                .map(ComposeFileTest.ServiceModule::name)
                .toList();

        assertThat(rows).as("the dashboard's rows").containsAll(processes);
        assertThat(problems).as("panels that do not read their row's process").isEmpty();
    }

    @Test
    void everyMetricTheDashboardAndTheAlertsReadIsOneTheSuiteExports() throws IOException {
        Map<String, Set<String>> readBy = new LinkedHashMap<>();
        for (Map<String, Object> alert : alerts()) {
            for (String metric : metricNames(String.valueOf(alert.get("expr")))) {
                readBy.computeIfAbsent(metric, name -> new TreeSet<>()).add("alert " + alert.get("alert"));
            }
        }
        for (String query : dashboardQueries()) {
            for (String metric : metricNames(query)) {
                readBy.computeIfAbsent(metric, name -> new TreeSet<>()).add("dashboard");
            }
        }
        Map<String, Set<String>> unknown = new LinkedHashMap<>(readBy);
        unknown.keySet().removeAll(NEWSROOM_METRICS);
        unknown.keySet().removeAll(STANDARD_METRICS);

        // Guards against passing vacuously when the name extraction itself breaks.
        assertThat(readBy.keySet())
                .contains("newsroom_consumer_oldest_age_seconds", "newsroom_gateway_requests_seconds_bucket");
        assertThat(unknown).as("metrics no process exports, and who reads them").isEmpty();
    }

    @Test
    void theOperationsGuideExplainsEveryMetricTheSuiteExports() throws IOException {
        String guide = Files.readString(OPERATIONS);
        Set<String> families = new TreeSet<>();
        for (String metric : NEWSROOM_METRICS) {
            families.add(metric.replaceFirst("_(bucket|count|sum)$", ""));
        }
        assertThat(families).as("metrics docs/operations.md does not name").allMatch(guide::contains);
    }

    @Test
    void metricNamesAreTheSeriesAQueryReadsAndNothingElse() {
        String query = "histogram_quantile(0.99, sum by (le, route) (rate(a_seconds_bucket{status=~\"5..\","
                + " route!=\"x_total\"}[$__rate_interval]))) / ignoring(le) b_total offset 5m > 0.1 and on (job) up"
                + " or vector(0)";

        assertThat(metricNames(query)).containsExactlyInAnyOrder("a_seconds_bucket", "b_total", "up");
    }

    /** The names of the series a PromQL query reads: what is left once strings, matchers and clauses are out. */
    static Set<String> metricNames(String query) {
        String bare = query.replaceAll("\\$\\{?\\w+}?", "")
                .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`", "")
                .replaceAll("\\{[^}]*}", "")
                .replaceAll("\\[[^]]*]", "")
                .replaceAll("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> keywords = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "inf", "nan");
        Set<String> names = new LinkedHashSet<>();
        Matcher identifier =
                Pattern.compile("(?<![\\w.])([a-zA-Z_:][\\w:]*)(\\s*\\()?").matcher(bare);
        while (identifier.find()) {
            boolean function = identifier.group(2) != null;
            if (!function && !keywords.contains(identifier.group(1).toLowerCase(Locale.ROOT))) {
                names.add(identifier.group(1));
            }
        }
        return names;
    }

    /** GitHub's anchors for the headings of a Markdown page. */
    static Set<String> anchors(String markdown) {
        Set<String> anchors = new TreeSet<>();
        Matcher heading = Pattern.compile("(?m)^#{1,6}\\s+(.+?)\\s*$").matcher(markdown);
        while (heading.find()) {
            String text = Normalizer.normalize(heading.group(1), Normalizer.Form.NFC)
                    .toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N} _-]", "")
                    .replace(' ', '-');
            anchors.add(text);
        }
        return anchors;
    }

    private static String promtool(String... arguments) {
        Path promtool = InstalledPrograms.require(
                "promtool", "promtool is not installed (apt-get install prometheus: Debian's package ships it)");
        List<String> command = new ArrayList<>(List.of(promtool.toString()));
        command.addAll(List.of(arguments));
        try {
            Path output = Files.createTempFile("promtool", ".out");
            try {
                Process process = new ProcessBuilder(command)
                        .directory(HOME.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .start();
                if (!process.waitFor(60, SECONDS)) {
                    process.destroyForcibly();
                    fail(String.join(" ", command) + " did not finish within 60 s:\n" + Files.readString(output));
                }
                String text = Files.readString(output);
                assertThat(process.exitValue())
                        .withFailMessage("%s exited with %d:%n%s", String.join(" ", command), process.exitValue(), text)
                        .isZero();
                return text;
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new AssertionError("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command, e);
        }
    }

    /** Grafana's interval variables stand for a duration; promtool needs one. */
    private static String withGrafanaVariables(String query) {
        return query.replaceAll("\\$__\\w+|\\$\\{__\\w+}", "5m");
    }

    private static List<Map<String, Object>> alerts() throws IOException {
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (Object group : list(yaml(ALERTS).get("groups"))) {
            for (Object rule : list(map(group).get("rules"))) {
                if (map(rule).containsKey("alert")) {
                    alerts.add(map(rule));
                }
            }
        }
        assertThat(alerts).as("alerts in %s", ALERTS).isNotEmpty();
        return alerts;
    }

    private static JsonNode dashboard() throws IOException {
        return JsonMapper.builder().build().readTree(Files.readString(DASHBOARD));
    }

    private static List<String> dashboardQueries() throws IOException {
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : dashboard().path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(target.path("expr").asString());
            }
        }
        assertThat(queries).as("queries in %s", DASHBOARD).isNotEmpty();
        return queries;
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> nodes = new ArrayList<>();
        array.forEach(nodes::add);
        return nodes.stream();
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return new Yaml().load(reader);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> list ? list : List.of();
    }

    /** promtool's durations as the tests write them: 90s, 8m, 1h, 1h30m. */
    private static Duration duration(Object text) {
        Matcher part = Pattern.compile("(\\d+)(ms|s|m|h|d)").matcher(String.valueOf(text));
        Duration total = Duration.ZERO;
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(
                    switch (part.group(2)) {
                        case "ms" -> Duration.ofMillis(amount);
                        case "s" -> Duration.ofSeconds(amount);
                        case "m" -> Duration.ofMinutes(amount);
                        case "h" -> Duration.ofHours(amount);
                        default -> Duration.ofDays(amount);
                    });
        }
        return total;
    }

    /** One eval_time of one alert in alerts-test.yml, in the test group whose series it reads. */
    private record Case(int group, Duration at, boolean fires) {}
}
