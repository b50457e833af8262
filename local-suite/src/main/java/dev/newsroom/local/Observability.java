package dev.newsroom.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * What {@code --observe} adds to the suite: a Zipkin that every service and the gateway send all
 * their traces to, and, when Debian's {@code prometheus} is installed, a Prometheus that scrapes
 * every process's management port with the alert rules of {@code deploy/prometheus}, as the compose
 * stack has them. Without {@code --observe} none of this starts and no process is told to trace.
 */
final class Observability {

    /** Zipkin's runnable jar on Maven Central; the wrapper fetches it once into {@link #zipkinJar()}. */
    static final String ZIPKIN_ARTIFACT = "io.zipkin:zipkin-server:3.5.1:jar:exec";

    static final String ZIPKIN = "zipkin";
    static final String PROMETHEUS = "prometheus";

    /** Enough for the spans of a local session; Zipkin keeps them in memory only. */
    private static final int ZIPKIN_HEAP_MEGABYTES = 256;

    private static final int ZIPKIN_MAX_SPANS = 100_000;

    /** Scrapes every 5 s, three times as often as compose, so a local change shows at once. */
    private static final String SCRAPE_INTERVAL = "5s";

    private static final Duration FETCH_TIMEOUT = Duration.ofMinutes(10);

    private final Options options;
    private final SuiteLayout layout;
    private final Function<String, String> env;
    private final String java;
    private final Path prometheus;

    Observability(Options options, SuiteLayout layout, Function<String, String> env, String java) {
        this.options = options;
        this.layout = layout;
        this.env = env;
        this.java = java;
        this.prometheus = options.observe() ? onPath(PROMETHEUS, env.apply("PATH")) : null;
    }

    int zipkinPort() {
        return layout.ports().port("ZIPKIN_PORT", 9411);
    }

    int prometheusPort() {
        return layout.ports().port("PROMETHEUS_PORT", 9090);
    }

    /** Whether Prometheus will run: {@code --observe} and a {@code prometheus} on the PATH. */
    boolean runsPrometheus() {
        return prometheus != null;
    }

    /** The ports of what will be started; none without {@code --observe}. */
    List<SuitePorts.Port> ports() {
        List<SuitePorts.Port> ports = new ArrayList<>();
        if (options.observe()) {
            ports.add(new SuitePorts.Port(ZIPKIN, "ZIPKIN_PORT", zipkinPort()));
        }
        if (runsPrometheus()) {
            ports.add(new SuitePorts.Port(PROMETHEUS, "PROMETHEUS_PORT", prometheusPort()));
        }
        return ports;
    }

    /**
     * Zipkin and Prometheus as processes of the suite, with Zipkin's jar fetched and Prometheus'
     * configuration written first; none without {@code --observe}. Says so when Prometheus is not
     * installed.
     */
    List<Component> components(SuiteConsole console) {
        if (!options.observe()) {
            return List.of();
        }
        List<Component> components = new ArrayList<>();
        components.add(zipkin(fetchZipkin(console)));
        if (runsPrometheus()) {
            components.add(prometheus(writePrometheusConfig()));
        } else {
            console.println("No prometheus on the PATH (apt-get install prometheus): starting without Prometheus.");
        }
        return components;
    }

    /** A service or the gateway, told to trace every request and send the spans to this Zipkin. */
    Component traced(Component service) {
        if (!options.observe()) {
            return service;
        }
        Map<String, String> environment = new LinkedHashMap<>(service.environment());
        environment.put("TRACING_SAMPLING", "1.0");
        environment.put("ZIPKIN_ENDPOINT", "http://127.0.0.1:" + zipkinPort() + "/api/v2/spans");
        return new Component(
                service.name(),
                service.portVariable(),
                service.port(),
                service.managementPort(),
                service.command(),
                environment,
                service.readiness(),
                service.archiveTraining());
    }

    /** The lines of the ready banner that say where the consoles are; none without {@code --observe}. */
    List<String> consoles() {
        List<String> lines = new ArrayList<>();
        if (options.observe()) {
            lines.add(String.format("  Traces (Zipkin)        http://localhost:%d/zipkin/", zipkinPort()));
        }
        if (runsPrometheus()) {
            lines.add(String.format(
                    "  Metrics (Prometheus)   http://localhost:%d/  (targets at /targets, alerts at /alerts)",
                    prometheusPort()));
        }
        return lines;
    }

    /** Where the wrapper leaves Zipkin's jar: beside the launcher's own, so a clean build fetches it again. */
    Path zipkinJar() {
        return options.home().resolve("local-suite/target/observe/zipkin-server-3.5.1-exec.jar");
    }

    private Path fetchZipkin(SuiteConsole console) {
        Path jar = zipkinJar();
        if (Files.isRegularFile(jar)) {
            return jar;
        }
        boolean windows = File.separatorChar == '\\';
        Path wrapper = options.home().resolve(windows ? "mvnw.cmd" : "mvnw");
        console.println("Fetching Zipkin (" + ZIPKIN_ARTIFACT + ", about 130 MB) once, through " + wrapper + "...");
        Path log = options.logDir().resolve("zipkin-fetch.log");
        List<String> command = List.of(
                wrapper.toString(),
                "-B",
                "-ntp",
                "-q",
                "-N",
                "dependency:copy",
                "-Dartifact=" + ZIPKIN_ARTIFACT,
                "-DoutputDirectory=" + jar.getParent());
        try {
            Files.createDirectories(log.getParent());
            Process fetch = new ProcessBuilder(command)
                    .directory(options.home().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!fetch.waitFor(FETCH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                fetch.destroyForcibly();
                throw new SuiteException(
                        "fetching Zipkin took over " + FETCH_TIMEOUT.toMinutes() + " minutes; see " + log);
            }
            if (fetch.exitValue() != 0 || !Files.isRegularFile(jar)) {
                throw new SuiteException("could not fetch Zipkin (" + String.join(" ", command) + " exited with "
                        + fetch.exitValue() + "); see " + log);
            }
            return jar;
        } catch (IOException e) {
            throw new SuiteException("could not run " + wrapper + " to fetch Zipkin: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SuiteException("stopped while fetching Zipkin");
        }
    }

    private Component zipkin(Path jar) {
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + ZIPKIN_HEAP_MEGABYTES + "m"));
        command.addAll(options.infraJavaOptions());
        command.addAll(List.of(
                "-jar",
                jar.toString(),
                // Armeria serves Zipkin; its first port is the one the API and the UI are on.
                "--armeria.ports[0].ip=127.0.0.1",
                "--armeria.ports[0].port=" + zipkinPort()));
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("STORAGE_TYPE", "mem");
        environment.put("MEM_MAX_SPANS", String.valueOf(ZIPKIN_MAX_SPANS));
        return new Component(
                ZIPKIN,
                "ZIPKIN_PORT",
                zipkinPort(),
                0,
                command,
                environment,
                "http://127.0.0.1:" + zipkinPort() + "/health",
                null);
    }

    private Component prometheus(Path config) {
        List<String> command = List.of(
                prometheus.toString(),
                "--config.file=" + config,
                "--web.listen-address=127.0.0.1:" + prometheusPort(),
                "--storage.tsdb.path=" + prometheusDir().resolve("data"));
        return new Component(
                PROMETHEUS,
                "PROMETHEUS_PORT",
                prometheusPort(),
                0,
                command,
                Map.of(),
                "http://127.0.0.1:" + prometheusPort() + "/-/ready",
                null);
    }

    private Path prometheusDir() {
        return options.dataDir().resolve(PROMETHEUS);
    }

    /** Written at every start, since the ports may have moved since the last one. */
    private Path writePrometheusConfig() {
        Path config = prometheusDir().resolve("prometheus.yml");
        try {
            Files.createDirectories(config.getParent());
            Files.writeString(config, prometheusConfig());
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * deploy/prometheus/prometheus.yml with the local suite's addresses: the same job per process,
     * named after it, each with one static target, its management port on this machine.
     */
    String prometheusConfig() {
        StringBuilder yaml = new StringBuilder()
                .append("# Written by the local suite (--observe) at every start; deploy/prometheus/prometheus.yml\n")
                .append("# is the compose stack's. Each process is scraped on its management port.\n")
                .append("global:\n")
                .append("  scrape_interval: ")
                .append(SCRAPE_INTERVAL)
                .append('\n')
                .append("  evaluation_interval: ")
                .append(SCRAPE_INTERVAL)
                .append('\n')
                .append("rule_files:\n")
                .append("  - ")
                .append(quoted(
                        options.home().resolve("deploy/prometheus/alerts.yml").toString()))
                .append('\n')
                .append("scrape_configs:\n");
        Stream.concat(Stream.of(SuiteLayout.GATEWAY), SuiteLayout.SERVICES.stream())
                .forEach(spec -> yaml.append("  - job_name: ")
                        .append(spec.module())
                        .append('\n')
                        .append("    metrics_path: /actuator/prometheus\n")
                        .append("    static_configs:\n")
                        .append("      - targets: [")
                        .append(IntStream.rangeClosed(1, options.scale().of(spec.module()))
                                .mapToObj(instance ->
                                        "'127.0.0.1:" + layout.ports().managementPort(spec, instance) + "'")
                                .collect(Collectors.joining(", ")))
                        .append("]\n"));
        return yaml.toString();
    }

    /** A YAML string in single quotes, so that any path stays one string. */
    private static String quoted(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** The program of that name on the PATH, or {@code null}. */
    static Path onPath(String program, String path) {
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
