package dev.newsroom.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Runs the whole suite on one machine: the Kafka broker, the MongoDB-wire store and the six services,
 * each as its own JVM process as in production. It waits until every one is ready, prints where to
 * find them, and on Ctrl-C or SIGTERM stops them all (the gateway first, the broker and store last).
 */
public final class LocalSuite {

    /** Printed once everything is ready; scripts and the system tests wait for it. */
    static final String READY_LINE = "NEWSROOM READY";

    static final int EXIT_FAILED = 1;
    static final int EXIT_PORT_IN_USE = 2;
    private static final Duration SERVICE_STOP_GRACE = Duration.ofSeconds(10);
    private static final Duration INFRA_STOP_GRACE = Duration.ofSeconds(3);

    private final Options options;
    private final SuiteLayout layout;
    private final PrintStream console;
    private final List<ManagedProcess> infrastructure = new ArrayList<>();
    private final List<ManagedProcess> services = new ArrayList<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean shuttingDown;
    private boolean startedEmpty;

    LocalSuite(Options options, SuiteLayout layout, PrintStream console) {
        this.options = options;
        this.layout = layout;
        this.console = console;
    }

    public static void main(String[] args) {
        PrintStream console = System.out;
        int status;
        try {
            Options options = Options.parse(args, System::getenv);
            String java = ProcessHandle.current().info().command().orElse("java");
            LocalSuite suite = new LocalSuite(options, new SuiteLayout(options, System::getenv, java), console);
            status = suite.run();
        } catch (Options.HelpRequested help) {
            console.print(Options.USAGE);
            status = 0;
        } catch (PortsInUse e) {
            System.err.println(e.getMessage());
            status = EXIT_PORT_IN_USE;
        } catch (SuiteException e) {
            System.err.println("local-suite: " + e.getMessage());
            status = EXIT_FAILED;
        }
        System.exit(status);
    }

    int run() {
        List<Component> infra = layout.infrastructure();
        List<Component> apps = layout.services();
        requirePortsFree(Stream.concat(infra.stream(), apps.stream()).toList());
        prepareDataDir();

        Instant started = Instant.now();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "local-suite-stop"));
        int width = Stream.concat(infra.stream(), apps.stream())
                .mapToInt(c -> c.name().length())
                .max()
                .orElse(8);
        try {
            infra.forEach(c -> infrastructure.add(ManagedProcess.start(c, options.logDir(), console, width)));
            awaitAnnouncedReady(infrastructure, deadline(started));
            apps.forEach(c -> services.add(ManagedProcess.start(c, options.logDir(), console, width)));
            awaitHealthy(services, deadline(started));
        } catch (SuiteException e) {
            if (shuttingDown) {
                return 0;
            }
            System.err.println("local-suite: " + e.getMessage());
            stop();
            return EXIT_FAILED;
        }
        boolean demo = seedDemoContent();
        printReady(Duration.between(started, Instant.now()), demo);
        watchForCrashes();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private Instant deadline(Instant started) {
        return started.plus(options.startTimeout());
    }

    private static void requirePortsFree(List<Component> components) {
        List<String> taken = components.stream()
                .filter(c -> !isFree(c.port()))
                .map(c -> "Port " + c.port() + " (" + c.name() + ") is already in use by another process. "
                        + "Stop that process, or set " + c.portVariable() + " to a free port.")
                .toList();
        if (!taken.isEmpty()) {
            throw new PortsInUse(String.join(System.lineSeparator(), taken));
        }
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void prepareDataDir() {
        try {
            startedEmpty = options.fresh() || !Files.exists(options.dataDir().resolve("mongo"));
            if (options.fresh() && Files.exists(options.dataDir())) {
                console.println("Starting fresh: removing " + options.dataDir());
                try (Stream<Path> paths = Files.walk(options.dataDir())) {
                    paths.sorted(Comparator.reverseOrder())
                            .forEach(path -> path.toFile().delete());
                }
            }
            Files.createDirectories(options.logDir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitAnnouncedReady(List<ManagedProcess> processes, Instant deadline) {
        for (ManagedProcess process : processes) {
            try {
                process.announcedReady().get(remaining(deadline).toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new SuiteException(process.component().name() + " did not start within "
                        + options.startTimeout().toSeconds() + " s; see " + logOf(process));
            } catch (ExecutionException e) {
                throw new SuiteException(failedToStart(process));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SuiteException("interrupted");
            }
        }
    }

    private void awaitHealthy(List<ManagedProcess> processes, Instant deadline) {
        List<ManagedProcess> waiting = new ArrayList<>(processes);
        while (!waiting.isEmpty()) {
            if (shuttingDown) {
                throw new SuiteException("stopped while starting");
            }
            for (ManagedProcess process : List.copyOf(waiting)) {
                if (!process.isAlive()) {
                    throw new SuiteException(failedToStart(process));
                }
                if (isReady(process.component().readiness())) {
                    waiting.remove(process);
                    console.printf(
                            "%s is ready on port %d%n",
                            process.component().name(), process.component().port());
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new SuiteException("not ready within "
                        + options.startTimeout().toSeconds() + " s: "
                        + waiting.stream().map(p -> p.component().name()).toList()
                        + "; see the logs in " + options.logDir());
            }
            sleep(Duration.ofMillis(500));
        }
    }

    private boolean isReady(String url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
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

    private String failedToStart(ManagedProcess process) {
        String status = process.isAlive() ? "stopped answering" : "exited with status " + process.exitValue();
        return process.component().name() + " " + status + " while starting. Its last lines:"
                + System.lineSeparator() + "    " + String.join(System.lineSeparator() + "    ", process.lastLines())
                + System.lineSeparator() + "Full log: " + logOf(process);
    }

    private Path logOf(ManagedProcess process) {
        return process.component().logFile(options.logDir());
    }

    /**
     * Writes the demo content through the gateway when the suite started with empty data; answers
     * whether the demo accounts exist (to print how to sign in).
     */
    private boolean seedDemoContent() {
        if (!options.seedDemo()) {
            return false;
        }
        DemoSeeder seeder = new DemoSeeder("http://127.0.0.1:" + gatewayPort());
        if (!startedEmpty) {
            return seeder.alreadySeeded();
        }
        Instant begun = Instant.now();
        console.println("Writing the demo articles, users and comments through the API (--no-seed to skip)...");
        DemoSeeder.Outcome outcome = seeder.seed(DemoContent.standard(), console);
        console.printf(
                Locale.ROOT,
                "Demo content %s in %.1f s%s.%n",
                outcome.seeded() ? "written" : "already there",
                Duration.between(begun, Instant.now()).toMillis() / 1000.0,
                outcome.problems().isEmpty() ? "" : " (" + outcome.problems().size() + " steps failed, see above)");
        return true;
    }

    private int gatewayPort() {
        return layout.port(SuiteLayout.GATEWAY.portVariable(), SuiteLayout.GATEWAY.defaultPort());
    }

    private void printReady(Duration took, boolean demo) {
        int gatewayPort = gatewayPort();
        StringBuilder out = new StringBuilder();
        out.append(System.lineSeparator())
                .append(String.format(
                        Locale.ROOT, "Newsroom is up: every process ready in %.1f s.%n", took.toMillis() / 1000.0))
                .append(String.format("  Web front end and API  http://localhost:%d/  (API under /api)%n", gatewayPort))
                .append(String.format(
                        "  Suite health           http://localhost:%d/actuator/health/services%n", gatewayPort));
        if (demo) {
            out.append(String.format(
                    "  Demo sign-in           %s@newsroom.example / %s (a moderator); also amara@, jonas@, mei@%n",
                    DemoContent.MODERATOR, DemoContent.PASSWORD));
        }
        out.append(String.format("%n  %-18s %-8s %-9s %s%n", "process", "pid", "memory", "address"));
        for (ManagedProcess process :
                Stream.concat(infrastructure.stream(), services.stream()).toList()) {
            Component c = process.component();
            String address = c.isInfrastructure() ? "127.0.0.1:" + c.port() : "http://localhost:" + c.port();
            long rss = process.residentKib();
            out.append(String.format(
                    "  %-18s %-8d %-9s %s%n", c.name(), process.pid(), rss < 0 ? "?" : (rss / 1024) + " MiB", address));
        }
        out.append(String.format("%n  Data and logs in %s. Stop with Ctrl-C.%n", options.dataDir()))
                .append(READY_LINE);
        console.println(out);
    }

    /** A service that dies after start-up is reported at once; the rest keep running. */
    private void watchForCrashes() {
        for (ManagedProcess process :
                Stream.concat(infrastructure.stream(), services.stream()).toList()) {
            process.onExit().thenRun(() -> {
                if (!shuttingDown && !process.isStopping()) {
                    console.printf(
                            "!! %s exited unexpectedly with status %d; see %s%n",
                            process.component().name(), process.exitValue(), logOf(process));
                }
            });
        }
    }

    /** Stops the gateway and services first, so they flush to Kafka and the store, then those two. */
    void stop() {
        synchronized (this) {
            if (shuttingDown) {
                return;
            }
            shuttingDown = true;
        }
        Instant begun = Instant.now();
        console.println("Stopping Newsroom...");
        stopAll(services, SERVICE_STOP_GRACE);
        stopAll(infrastructure, INFRA_STOP_GRACE);
        console.printf(
                Locale.ROOT,
                "Stopped in %.1f s.%n",
                Duration.between(begun, Instant.now()).toMillis() / 1000.0);
        stopped.countDown();
    }

    private void stopAll(List<ManagedProcess> processes, Duration grace) {
        processes.forEach(ManagedProcess::requestStop);
        List<CompletableFuture<Void>> waits = processes.stream()
                .map(process -> CompletableFuture.runAsync(() -> awaitStop(process, grace)))
                .toList();
        CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)).join();
    }

    private void awaitStop(ManagedProcess process, Duration grace) {
        try {
            if (!process.awaitStop(grace)) {
                console.printf(
                        "%s did not stop within %d s and was killed%n",
                        process.component().name(), grace.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Duration remaining(Instant deadline) {
        Duration left = Duration.between(Instant.now(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One or more of the suite's ports are taken: the message names each. */
    static final class PortsInUse extends SuiteException {
        PortsInUse(String message) {
            super(message);
        }
    }
}
