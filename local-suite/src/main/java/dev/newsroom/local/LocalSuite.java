package dev.newsroom.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Runs the whole suite on one machine: the Kafka broker, the MongoDB-wire store and the six services,
 * each as its own JVM process as in production. It starts them all at once (a service needs several
 * seconds of CPU before it first asks the broker or the store for anything, and by then both are
 * up), waits until every one is ready, writes whatever is missing of the demo content, prints where
 * to find everything, and on Ctrl-C or SIGTERM, also while they are still starting, stops them all
 * (the gateway and services first, the broker and store last).
 */
public final class LocalSuite {

    /** Printed once everything is ready; scripts and the system tests wait for it. */
    static final String READY_LINE = "NEWSROOM READY";

    static final int EXIT_FAILED = 1;
    static final int EXIT_PORT_IN_USE = 2;
    static final int EXIT_USAGE = 2;

    private final Options options;
    private final SuiteLayout layout;
    private final SuiteConsole console;
    private final SuiteProcesses processes;
    private final Observability observability;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile ArchiveTraining training;
    private boolean shuttingDown;
    private boolean startedEmpty;

    LocalSuite(Options options, SuiteLayout layout, Observability observability, SuiteConsole console) {
        this.options = options;
        this.layout = layout;
        this.observability = observability;
        this.console = console;
        this.processes = new SuiteProcesses(options.logDir(), console);
    }

    public static void main(String[] args) {
        SuiteConsole console = SuiteConsole.system();
        int status;
        try {
            Options options = Options.parse(args, System::getenv);
            String java = ProcessHandle.current().info().command().orElse("java");
            ClassDataArchives archives = options.classDataSharing() ? ClassDataArchives.forThisJvm(java) : null;
            SuiteLayout layout = new SuiteLayout(options, System::getenv, java, archives);
            LocalSuite suite =
                    new LocalSuite(options, layout, new Observability(options, layout, System::getenv, java), console);
            status = suite.run();
        } catch (Options.HelpRequested help) {
            System.out.print(Options.USAGE);
            status = 0;
        } catch (SuiteException.Usage e) {
            System.err.println("local-suite: " + e.getMessage());
            status = EXIT_USAGE;
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
        Instant started = Instant.now();
        requirePortsFree(Stream.concat(layout.ports().all().stream(), observability.ports().stream())
                .toList());
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "local-suite-stop"));
        List<Component> components;
        try {
            prepareDataDir();
            components = Stream.of(
                            layout.infrastructure().stream(),
                            observability.components(console).stream(),
                            layout.services().stream().map(observability::traced))
                    .flatMap(s -> s)
                    .toList();
            console.println("Starting " + components.size() + " processes; their logs are in " + options.logDir()
                    + (options.verbose() ? "" : " (--verbose shows them here)"));
            int width =
                    components.stream().mapToInt(c -> c.name().length()).max().orElse(8);
            for (Component component : components) {
                processes.start(component, outputOf(component, width));
            }
            processes.awaitReady(started, started.plus(options.startTimeout()), options.startTimeout());
        } catch (SuiteException e) {
            console.endProgress();
            if (isShuttingDown()) {
                return 0;
            }
            System.err.println("local-suite: " + e.getMessage());
            stop();
            return EXIT_FAILED;
        }
        boolean demo = new DemoSeeding(options, startedEmpty, console, processes::isStopping)
                .run("http://127.0.0.1:" + gatewayPort());
        if (isShuttingDown()) {
            return 0;
        }
        console.println(ReadyBanner.text(
                Duration.between(started, Instant.now()),
                gatewayPorts(),
                layout.ports().managementPort(SuiteLayout.GATEWAY, 1),
                demo,
                observability.consoles(),
                processes.all(),
                options.dataDir()));
        startArchiveTraining(components);
        watchForCrashes();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** What of a process's output reaches the console, with its name in front; nothing once stopping. */
    private Consumer<String> outputOf(Component component, int width) {
        String prefix = String.format("%-" + width + "s | ", component.name());
        ConsoleFilter filter = new ConsoleFilter(
                options.verbose(), component.logFile(options.logDir()).toString());
        return line -> {
            if (!processes.isStopping()) {
                filter.accept(line).forEach(shown -> console.println(prefix + shown));
            }
        };
    }

    private void startArchiveTraining(List<Component> components) {
        List<ArchiveTraining.Run> runs = components.stream()
                .map(Component::archiveTraining)
                .filter(java.util.Objects::nonNull)
                .toList();
        synchronized (this) {
            if (shuttingDown) {
                return;
            }
            training = new ArchiveTraining(runs, options.logDir(), console);
        }
        training.startInBackground();
    }

    private static void requirePortsFree(List<SuitePorts.Port> components) {
        List<String> taken = components.stream()
                .filter(c -> !isFree(c.port()))
                .map(c -> "Port " + c.port() + " (" + c.name() + ") is already in use by another process. "
                        + "Stop that process, or set " + c.variable() + " to a free port.")
                .toList();
        if (!taken.isEmpty()) {
            throw new PortsInUse(String.join(System.lineSeparator(), taken));
        }
    }

    /**
     * Like embedded-infra's {@code Ports.isFree}, on purpose a copy: the launcher keeps every other
     * module's jar off its classpath so that it starts in a moment (see local-suite/pom.xml).
     */
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
            DemoSeeding.intend(options, startedEmpty);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int gatewayPort() {
        return layout.ports().port(SuiteLayout.GATEWAY, 1);
    }

    private List<Integer> gatewayPorts() {
        return IntStream.rangeClosed(1, options.scale().of(SuiteLayout.GATEWAY.module()))
                .mapToObj(instance -> layout.ports().port(SuiteLayout.GATEWAY, instance))
                .toList();
    }

    /** A service that dies after start-up is reported at once; the rest keep running. */
    private void watchForCrashes() {
        for (ManagedProcess process : processes.all()) {
            process.onExit().thenRun(() -> {
                if (!processes.isStopping() && !process.isStopping()) {
                    console.printf(
                            "!! %s exited unexpectedly with status %d; see %s",
                            process.component().name(),
                            process.exitValue(),
                            process.component().logFile(options.logDir()));
                }
            });
        }
    }

    private synchronized boolean isShuttingDown() {
        return shuttingDown;
    }

    /** Stops everything this launcher started, whether the suite is up or still starting. */
    void stop() {
        synchronized (this) {
            if (shuttingDown) {
                return;
            }
            shuttingDown = true;
        }
        Instant begun = Instant.now();
        console.endProgress();
        console.println("Stopping Newsroom...");
        ArchiveTraining running = training;
        if (running != null) {
            running.cancel();
        }
        processes.stop();
        console.printf(
                "Stopped in %.1f s.", Duration.between(begun, Instant.now()).toMillis() / 1000.0);
        stopped.countDown();
    }

    /** One or more of the suite's ports are taken: the message names each. */
    static final class PortsInUse extends SuiteException {
        PortsInUse(String message) {
            super(message);
        }
    }
}
