package dev.newsroom.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObservabilityTest {

    @TempDir
    Path home;

    private final Component service = new Component(
            "article-service",
            "ARTICLE_SERVICE_PORT",
            8082,
            9082,
            List.of("java", "-jar", "article-service.jar"),
            Map.of("PORT", "8082"),
            "http://127.0.0.1:9082/actuator/health/readiness",
            null);

    private Observability observability(Map<String, String> variables, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--home";
        all[1] = home.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        Function<String, String> env = variables::get;
        Options options = Options.parse(all, env);
        return new Observability(options, new SuiteLayout(options, env, "java", null), env, "java");
    }

    @Test
    void withoutObserveNothingStartsAndNoServiceIsToldToTrace() {
        Observability off = observability(Map.of());

        assertThat(off.ports()).isEmpty();
        assertThat(off.components(SuiteConsole.system())).isEmpty();
        assertThat(off.consoles()).isEmpty();
        assertThat(off.traced(service)).isEqualTo(service);
    }

    @Test
    void withObserveEveryServiceSamplesEveryRequestAndSendsItsSpansToTheSuitesZipkin() {
        Observability on = observability(Map.of("ZIPKIN_PORT", "19411"), "--observe");

        Component traced = on.traced(service);

        assertThat(traced.environment())
                .containsEntry("PORT", "8082")
                .containsEntry("TRACING_SAMPLING", "1.0")
                .containsEntry("ZIPKIN_ENDPOINT", "http://127.0.0.1:19411/api/v2/spans");
        assertThat(traced.command()).isEqualTo(service.command());
        assertThat(on.ports()).contains(new SuitePorts.Port("zipkin", "ZIPKIN_PORT", 19411));
        assertThat(on.consoles()).anySatisfy(line -> assertThat(line).contains("http://localhost:19411/zipkin/"));
    }

    @Test
    void prometheusScrapesEveryProcessOnItsManagementPortWithTheAlertRules() throws Exception {
        Observability on = observability(
                Map.of("GATEWAY_PORT", "18080", "COMMENT_SERVICE_MANAGEMENT_PORT", "19999", "PATH", ""), "--observe");

        String config = on.prometheusConfig();

        assertThat(config)
                .contains("scrape_interval: 5s")
                .contains("  - '" + home.resolve("deploy/prometheus/alerts.yml") + "'")
                .contains("  - job_name: gateway\n    metrics_path: /actuator/prometheus\n"
                        + "    static_configs:\n      - targets: ['127.0.0.1:19080']\n")
                .contains("job_name: user-service", "targets: ['127.0.0.1:9081']")
                .contains("job_name: article-service", "targets: ['127.0.0.1:9082']")
                .contains("job_name: comment-service", "targets: ['127.0.0.1:19999']")
                .contains("job_name: trending-service", "targets: ['127.0.0.1:9084']")
                .contains("job_name: assistant-service", "targets: ['127.0.0.1:9085']");
        assertThat(on.runsPrometheus()).as("no prometheus on an empty PATH").isFalse();
    }

    @Test
    void prometheusScrapesEveryInstanceOfAScaledOutProcess() throws Exception {
        Observability on =
                observability(Map.of("PATH", ""), "--observe", "--instances", "2", "--scale", "trending-service=3");

        assertThat(on.prometheusConfig())
                .contains("job_name: gateway", "targets: ['127.0.0.1:9080', '127.0.0.1:9180']")
                .contains("job_name: article-service", "targets: ['127.0.0.1:9082', '127.0.0.1:9182']")
                .contains(
                        "job_name: trending-service",
                        "targets: ['127.0.0.1:9084', '127.0.0.1:9184', '127.0.0.1:9284']");
    }

    @Test
    void prometheusRunsWhenItIsOnThePath() throws Exception {
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path program = Files.createFile(
                bin.resolve("prometheus"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));

        Observability on = observability(Map.of("PATH", "/nowhere:" + bin, "PROMETHEUS_PORT", "19090"), "--observe");

        assertThat(Observability.onPath("prometheus", "/nowhere:" + bin)).isEqualTo(program);
        assertThat(on.runsPrometheus()).isTrue();
        assertThat(on.ports()).contains(new SuitePorts.Port("prometheus", "PROMETHEUS_PORT", 19090));
        assertThat(on.consoles()).anySatisfy(line -> assertThat(line).contains("http://localhost:19090/"));
    }
}
