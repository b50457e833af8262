package dev.newsroom.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The local suite started exactly as the README starts it ({@code java -jar
 * local-suite/target/local-suite.jar}), on free ports so that it never collides with a suite a
 * developer has running, with its own data folder.
 */
final class RunningSuite implements AutoCloseable {

    static final Duration START_TIMEOUT = Duration.ofMinutes(10);

    /** How far above its first instance the launcher puts each later instance of a process. */
    static final int INSTANCE_PORT_STEP = 100;

    private final Process process;
    private final Map<String, Integer> ports;
    private final List<String> output = new ArrayList<>();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();

    private RunningSuite(Process process, Map<String, Integer> ports) {
        this.process = process;
        this.ports = ports;
        Thread reader = new Thread(this::readOutput, "suite-output");
        reader.setDaemon(true);
        reader.start();
    }

    static Path home() {
        String configured = System.getProperty("newsroom.home");
        Path dir = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("local-suite.sh"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("Cannot find the Newsroom checkout from " + configured);
        }
        return dir;
    }

    /** The processes that answer health and metrics on a management port of their own, by module. */
    static final List<String> MANAGED = List.of(
            "gateway", "user-service", "article-service", "comment-service", "trending-service", "assistant-service");

    /**
     * Free ports for every process of the suite, by the variables the launcher reads: each one's own
     * port and, for the gateway and the services, its management port ({@code GATEWAY_MANAGEMENT_PORT}, ...).
     */
    static Map<String, Integer> freePorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String module : MANAGED) {
            ports.put(portVariable(module), freePort());
            ports.put(managementPortVariable(module), freePort());
        }
        ports.put("KAFKA_PORT", freePort());
        ports.put("MONGO_PORT", freePort());
        return ports;
    }

    /**
     * Free ports for a suite started with {@code --instances instances}: the launcher puts instance
     * <i>k</i> of a process on its first instance's port + 100·(<i>k</i>-1), management port likewise,
     * so every one of those must be free too, not only the base port the variable names.
     */
    static Map<String, Integer> freePorts(int instances) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String variable : freePorts().keySet()) {
            ports.put(variable, freePortWithInstances(instances));
        }
        return ports;
    }

    private static String portVariable(String module) {
        return module.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_PORT";
    }

    private static String managementPortVariable(String module) {
        return portVariable(module).replace("_PORT", "_MANAGEMENT_PORT");
    }

    /**
     * The suite with {@code --observe}: also Zipkin and, when installed, Prometheus, on free ports of
     * their own ({@link #zipkinUrl()}, {@link #prometheusUrl()}), every process sending its traces.
     */
    static RunningSuite startObserved(Path dataDir, String... options) {
        Map<String, Integer> ports = freePorts();
        ports.put("ZIPKIN_PORT", freePort());
        ports.put("PROMETHEUS_PORT", freePort());
        List<String> observed = new ArrayList<>(List.of("--observe"));
        observed.addAll(List.of(options));
        return start(ports, dataDir, observed.toArray(String[]::new));
    }

    static RunningSuite start(Map<String, Integer> ports, Path dataDir, String... options) {
        List<String> command = new ArrayList<>(List.of(
                javaExecutable(),
                "-jar",
                home().resolve("local-suite/target/local-suite.jar").toString(),
                "--data-dir",
                dataDir.toString(),
                // The launcher's own limit (240 s by default) must not be the shorter one: six JVMs
                // starting at once on a busy two-core machine can take longer.
                "--start-timeout",
                String.valueOf(START_TIMEOUT.minusSeconds(20).toSeconds())));
        command.addAll(List.of(options));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(home().toFile()).redirectErrorStream(true);
        ports.forEach((variable, port) -> builder.environment().put(variable, String.valueOf(port)));
        // A moderator the system test can register itself, besides the default one.
        builder.environment().put("MODERATORS", "editor,suite-moderator");
        try {
            return new RunningSuite(builder.start(), ports);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the launcher's ready line; fails with the launcher's output if it never comes. */
    RunningSuite awaitReady() {
        return awaitReady(START_TIMEOUT);
    }

    /** As {@link #awaitReady()}, for a suite started with a longer {@code --start-timeout}. */
    RunningSuite awaitReady(Duration timeout) {
        try {
            ready.get(timeout.toSeconds(), TimeUnit.SECONDS);
            return this;
        } catch (Exception e) {
            throw new AssertionError("The suite did not become ready:\n" + outputTail(80), e);
        }
    }

    String gatewayUrl() {
        return gatewayUrl(1);
    }

    /** The address of gateway {@code instance} (from 1) of a suite started with {@code --instances}. */
    String gatewayUrl(int instance) {
        return "http://127.0.0.1:" + (ports.get("GATEWAY_PORT") + INSTANCE_PORT_STEP * (instance - 1));
    }

    /** The management address (health, metrics) of one of {@link #MANAGED}. */
    String managementUrl(String module) {
        return "http://127.0.0.1:" + ports.get(managementPortVariable(module));
    }

    /** Zipkin's base address, of a suite {@link #startObserved started observed}. */
    String zipkinUrl() {
        return "http://127.0.0.1:" + observedPort("ZIPKIN_PORT");
    }

    /** Prometheus' base address, of a suite {@link #startObserved started observed}. */
    String prometheusUrl() {
        return "http://127.0.0.1:" + observedPort("PROMETHEUS_PORT");
    }

    private int observedPort(String variable) {
        Integer port = ports.get(variable);
        if (port == null) {
            throw new IllegalStateException(variable + " is set only for a suite started with startObserved");
        }
        return port;
    }

    Process process() {
        return process;
    }

    /** Stops the suite as Ctrl-C or an orchestrator would (SIGTERM), waiting at most {@code timeout}. */
    boolean stop(Duration timeout) throws InterruptedException {
        process.toHandle().destroy();
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("The launcher did not end within " + timeout);
        }
        return process.exitValue();
    }

    synchronized String outputTail(int lines) {
        return String.join("\n", output.subList(Math.max(0, output.size() - lines), output.size()));
    }

    synchronized String outputText() {
        return String.join("\n", output);
    }

    private void readOutput() {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                synchronized (this) {
                    output.add(line);
                }
                if (line.equals("NEWSROOM READY")) {
                    ready.complete(null);
                }
            }
        } catch (IOException e) {
            // The launcher ended.
        } finally {
            ready.completeExceptionally(new IllegalStateException("the launcher ended"));
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive() && !stop(Duration.ofSeconds(20))) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    /** Ports handed out in this JVM: never the same one twice, though its suite may have stopped. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /**
     * A loopback port that is free now, below the ephemeral range (Linux's starts at 32768). A port
     * the operating system hands out as free is one of its ephemeral ports, which any outgoing
     * connection of the starting suite (Kafka and MongoDB clients) may take before the process
     * meant for it binds it; this once failed a suite start in CI.
     */
    private static int freePort() {
        for (int attempt = 0; attempt < 500; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 32_000);
            // Claimed before it is tried: a port found taken is not worth trying again either.
            if (HANDED_OUT.add(port) && bindable(port)) {
                return port;
            }
        }
        throw new IllegalStateException("No free loopback port between 20000 and 32000");
    }

    /** A port that is free, and so are the ports {@code instances - 1} later instances would take above it. */
    private static int freePortWithInstances(int instances) {
        for (int attempt = 0; attempt < 500; attempt++) {
            int port = freePort();
            boolean free = true;
            for (int instance = 2; instance <= instances && free; instance++) {
                int later = port + INSTANCE_PORT_STEP * (instance - 1);
                free = HANDED_OUT.add(later) && bindable(later);
            }
            if (free) {
                return port;
            }
        }
        throw new IllegalStateException("No free loopback ports for " + instances + " instances");
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
