package dev.newsroom.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The processes the launcher started, and the two things it does with all of them: wait until every
 * one is ready, and stop them. Starting and stopping exclude each other, so a Ctrl-C that arrives
 * while processes are still being started stops every one that was started and lets no new one
 * start after it.
 */
final class SuiteProcesses {

    /** A service that is ready gets this long to finish its in-flight work and flush to Kafka. */
    private static final Duration SERVICE_STOP_GRACE = Duration.ofSeconds(10);

    /** A service still starting has nothing to finish: a shorter wait keeps Ctrl-C quick. */
    private static final Duration STARTING_STOP_GRACE = Duration.ofSeconds(5);

    private static final Duration INFRA_STOP_GRACE = Duration.ofSeconds(3);
    private static final Duration POLL = Duration.ofMillis(250);

    private final Path logDir;
    private final SuiteConsole console;
    private final List<ManagedProcess> infrastructure = new ArrayList<>();
    private final List<ManagedProcess> services = new ArrayList<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private volatile boolean stopping;

    SuiteProcesses(Path logDir, SuiteConsole console) {
        this.logDir = logDir;
        this.console = console;
    }

    boolean isStopping() {
        return stopping;
    }

    /** Starts one process, unless the suite is being stopped. */
    synchronized ManagedProcess start(Component component, java.util.function.Consumer<String> output) {
        if (stopping) {
            throw new SuiteException("stopped while starting");
        }
        ManagedProcess process = ManagedProcess.start(component, component.logFile(logDir), output);
        (component.isInfrastructure() ? infrastructure : services).add(process);
        return process;
    }

    synchronized List<ManagedProcess> all() {
        return Stream.concat(infrastructure.stream(), services.stream()).toList();
    }

    /**
     * Waits until every process is ready: the broker and the store say {@code READY}, a service's
     * readiness endpoint answers 200. Each is announced as it becomes ready, and the progress line
     * says how many are and which one is awaited.
     */
    void awaitReady(Instant started, Instant deadline, Duration timeout) {
        List<ManagedProcess> waiting = new ArrayList<>(all());
        while (!waiting.isEmpty()) {
            if (stopping) {
                throw new SuiteException("stopped while starting");
            }
            for (ManagedProcess process : List.copyOf(waiting)) {
                if (!process.isAlive() || process.announcedReady().isCompletedExceptionally()) {
                    throw new SuiteException(failedToStart(process));
                }
                if (isReady(process)) {
                    process.markReady();
                    waiting.remove(process);
                    announce(process);
                }
            }
            console.progress(StartProgress.describe(
                    all().stream()
                            .map(p -> new StartProgress.Entry(p.component().name(), p.isReady(), p.startingFor()))
                            .toList(),
                    Duration.between(started, Instant.now())));
            if (Instant.now().isAfter(deadline)) {
                throw new SuiteException("not ready within " + timeout.toSeconds() + " s: "
                        + waiting.stream().map(p -> p.component().name()).toList()
                        + "; see the logs in " + logDir);
            }
            if (!waiting.isEmpty()) {
                sleep(POLL);
            }
        }
        console.endProgress();
    }

    private boolean isReady(ManagedProcess process) {
        if (process.component().isInfrastructure()) {
            return process.announcedReady().isDone();
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create(process.component().readiness()))
                    .timeout(Duration.ofSeconds(2))
                    .GET()
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void announce(ManagedProcess process) {
        double cpu = process.cpuSeconds();
        console.printf(
                "  ready  %-18s in %5.1f s%s",
                process.component().name(),
                process.startingFor().toMillis() / 1000.0,
                cpu < 0 ? "" : String.format(java.util.Locale.ROOT, ", %5.1f s of CPU", cpu));
    }

    String failedToStart(ManagedProcess process) {
        String status = process.isAlive() ? "stopped answering" : "exited with status " + process.exitValue();
        return process.component().name() + " " + status + " while starting. Its last lines:"
                + System.lineSeparator() + "    "
                + String.join(System.lineSeparator() + "    ", process.lastLines())
                + System.lineSeparator() + "Full log: " + process.component().logFile(logDir);
    }

    /**
     * Stops the services first, so they flush to Kafka and the store, then those two; processes that
     * do not stop in time are killed. Any start after this is refused.
     */
    void stop() {
        List<ManagedProcess> apps;
        List<ManagedProcess> infra;
        synchronized (this) {
            stopping = true;
            apps = List.copyOf(services);
            infra = List.copyOf(infrastructure);
        }
        stopAll(apps);
        stopAll(infra);
    }

    private void stopAll(List<ManagedProcess> processes) {
        processes.forEach(ManagedProcess::requestStop);
        CompletableFuture.allOf(processes.stream()
                        .map(process -> CompletableFuture.runAsync(() -> awaitStop(process)))
                        .toArray(CompletableFuture[]::new))
                .join();
    }

    private void awaitStop(ManagedProcess process) {
        Duration grace = process.component().isInfrastructure()
                ? INFRA_STOP_GRACE
                : process.isReady() ? SERVICE_STOP_GRACE : STARTING_STOP_GRACE;
        try {
            if (!process.awaitStop(grace)) {
                console.printf(
                        "%s did not stop within %d s and was killed",
                        process.component().name(), grace.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
