package dev.newsroom.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kills instances of a running suite with SIGKILL, as a crashed host or the OOM killer would, and
 * starts them again exactly as the launcher had started them (same command line, environment and
 * working directory, read from {@code /proc} before the kill), so a test can see the others take
 * over and the instance rejoin. The launcher does not restart a process that ended, and it no longer
 * owns the new ones: {@link #close()} stops them, by PID.
 */
final class InstanceRestarts implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** How the launcher had started a process, read before it was killed. */
    private record Launch(String name, List<String> command, Map<String, String> environment, Path directory) {}

    private final RunningSuite suite;
    private final Path logs;
    private final List<Launch> killed = new ArrayList<>();
    private final Map<String, Process> restarted = new LinkedHashMap<>();
    /** The port each restarted process answers on, from its environment. */
    private final Map<String, String> ports = new LinkedHashMap<>();

    private final Thread stopOnExit = new Thread(this::stopRestarted, "stop-restarted-instances");

    InstanceRestarts(RunningSuite suite, Path logs) {
        this.suite = suite;
        this.logs = logs;
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /** Kills each named process ({@code comment-service-2}, as the ready banner names it) with SIGKILL. */
    void kill(List<String> names) throws Exception {
        for (String name : names) {
            ProcessHandle process =
                    ProcessHandle.of(pidOf(name)).orElseThrow(() -> new AssertionError(name + " is not running"));
            Launch launch = launchOf(name, process.pid());
            process.destroyForcibly();
            if (process.onExit().get(30, TimeUnit.SECONDS).isAlive()) {
                throw new AssertionError(name + " survived SIGKILL");
            }
            killed.add(launch);
        }
    }

    /** Starts every killed process again, without waiting for it to be ready. */
    void startAgain() throws IOException {
        Files.createDirectories(logs);
        for (Launch launch : killed) {
            ProcessBuilder builder = new ProcessBuilder(launch.command())
                    .directory(launch.directory().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(
                            logs.resolve(launch.name() + ".restarted.log").toFile());
            builder.environment().clear();
            builder.environment().putAll(launch.environment());
            restarted.put(launch.name(), builder.start());
            ports.put(launch.name(), launch.environment().getOrDefault("PORT", "0"));
        }
        killed.clear();
    }

    /** Waits until every restarted process answers {@code /readyz} on its port. */
    void awaitReady(Duration patience) throws Exception {
        Instant deadline = Instant.now().plus(patience);
        for (var entry : restarted.entrySet()) {
            String port = ports.get(entry.getKey());
            while (!ready(port)) {
                if (!entry.getValue().isAlive() || Instant.now().isAfter(deadline)) {
                    throw new AssertionError(entry.getKey() + " did not come back; see its log in " + logs);
                }
                Thread.sleep(250);
            }
        }
    }

    private static boolean ready(String port) throws InterruptedException {
        try {
            HttpResponse<Void> answer = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return answer.statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** The PID the launcher's ready banner gives {@code name}. */
    private long pidOf(String name) {
        Matcher row = Pattern.compile("(?m)^\\s+" + Pattern.quote(name) + "\\s+(\\d+)\\s")
                .matcher(suite.outputText());
        if (!row.find()) {
            throw new AssertionError("The ready banner lists no " + name + ":\n" + suite.outputTail(40));
        }
        return Long.parseLong(row.group(1));
    }

    private Launch launchOf(String name, long pid) throws IOException {
        Path proc = Path.of("/proc", String.valueOf(pid));
        List<String> command = nulSeparated(proc.resolve("cmdline"));
        Map<String, String> environment = new LinkedHashMap<>();
        for (String variable : nulSeparated(proc.resolve("environ"))) {
            int equals = variable.indexOf('=');
            if (equals > 0) {
                environment.put(variable.substring(0, equals), variable.substring(equals + 1));
            }
        }
        return new Launch(name, command, environment, Files.readSymbolicLink(proc.resolve("cwd")));
    }

    private static List<String> nulSeparated(Path file) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        return Arrays.stream(text.split("\0")).filter(part -> !part.isEmpty()).toList();
    }

    /** Stops the restarted processes as the launcher stops its own: SIGTERM, then SIGKILL after 20 s. */
    private void stopRestarted() {
        for (Process process : restarted.values()) {
            process.destroy();
        }
        for (Process process : restarted.values()) {
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stopRestarted();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // The hook runs anyway.
        }
    }
}
