package dev.newsroom.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real, single-node Apache Kafka broker in KRaft mode (broker and controller in one), running in
 * this JVM from the {@code kafka_2.13} jars. It is the same broker code that runs in production, so
 * the services' producers and consumers behave here as they will there.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaRaftServer server;
    private final int port;
    private final Path dataDir;
    private final boolean deleteOnClose;

    private KafkaBroker(KafkaRaftServer server, int port, Path dataDir, boolean deleteOnClose) {
        this.server = server;
        this.port = port;
        this.dataDir = dataDir;
        this.deleteOnClose = deleteOnClose;
    }

    /** A throw-away broker on a free port whose data is deleted when it stops. */
    public static KafkaBroker startTemporary() throws IOException {
        return start(0, Files.createTempDirectory("newsroom-kafka-"), true);
    }

    /**
     * A broker keeping its log in {@code dataDir}, so a restart finds its topics and offsets again.
     *
     * @param port the client port, or 0 for a free one
     */
    public static KafkaBroker startDurable(int port, Path dataDir) throws IOException {
        return start(port, dataDir, false);
    }

    private static KafkaBroker start(int requestedPort, Path dataDir, boolean deleteOnClose) throws IOException {
        int port = requestedPort == 0 ? Ports.free() : Ports.requireFree(requestedPort, "Kafka");
        int controllerPort = Ports.free();
        Path logDir = dataDir.resolve("kraft-log");
        Files.createDirectories(logDir);
        Properties properties = serverProperties(port, controllerPort, logDir);
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format(properties, dataDir);
        }

        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
        server.startup();
        KafkaBroker broker = new KafkaBroker(server, port, dataDir, deleteOnClose);
        try {
            broker.awaitReady();
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    static Properties serverProperties(int port, int controllerPort, Path logDir) {
        Properties p = new Properties();
        p.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("log.dirs", logDir.toAbsolutePath().toString()),
                // One node: every internal topic has one replica.
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "5"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "5"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("min.insync.replicas", "1"),
                // Several partitions per topic so that keyed ordering and scaling out behave as in production.
                Map.entry("num.partitions", "3"),
                Map.entry("auto.create.topics.enable", "true"),
                // Test consumers join at once instead of waiting for more members.
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                // The cleaner's default 128 MiB buffer is more than a small local heap can spare.
                Map.entry("log.cleaner.dedupe.buffer.size", String.valueOf(4 * 1024 * 1024)),
                Map.entry("log.cleaner.threads", "1"),
                Map.entry("num.network.threads", "2"),
                Map.entry("num.io.threads", "2"),
                Map.entry("log.segment.bytes", String.valueOf(16 * 1024 * 1024))));
        return p;
    }

    /** Formats a new log directory with a new cluster id, as {@code kafka-storage.sh format} does. */
    private static void format(Properties properties, Path dataDir) throws IOException {
        Path config = dataDir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(config)) {
            properties.store(out, "Written by Newsroom's embedded-infra");
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int status;
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            status = StorageTool.execute(
                    new String[] {"format", "--cluster-id", Uuid.randomUuid().toString(), "--config", config.toString()
                    },
                    print);
        }
        if (status != 0) {
            throw new IllegalStateException("Kafka storage format failed: " + output.toString(StandardCharsets.UTF_8));
        }
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 4000);
        try (Admin admin = Admin.create(config)) {
            while (true) {
                try {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    return;
                } catch (Exception notYet) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException(
                                "Kafka broker did not become ready in " + READY_TIMEOUT, notYet);
                    }
                }
            }
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        if (deleteOnClose) {
            deleteRecursively(dataDir);
        }
    }

    private static void deleteRecursively(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A temporary directory left behind is harmless; the broker itself has stopped.
        }
    }
}
