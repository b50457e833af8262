package dev.newsroom.infra;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one piece of embedded infrastructure as its own process, for the local suite:
 *
 * <pre>
 * java -jar embedded-infra-exec.jar kafka --port 9092 --data-dir .newsroom/kafka
 * java -jar embedded-infra-exec.jar mongo --port 27017 --data-file .newsroom/mongo/store.mv
 * java -jar embedded-infra-exec.jar mongo --port 27017 --in-memory
 * </pre>
 *
 * It prints {@code READY <name> <address>} once it accepts connections and stops cleanly on SIGTERM
 * or Ctrl-C. A port already in use ends it with exit status 2 and a message naming the port.
 */
public final class InfraMain {

    static final int PORT_IN_USE = 2;
    static final int USAGE = 64;

    private InfraMain() {}

    public static void main(String[] args) throws Exception {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "infra-logback.xml");
        }
        if (args.length == 0) {
            usage("missing what to run");
        }
        Map<String, String> options = options(args);
        AutoCloseable running;
        String address;
        try {
            switch (args[0]) {
                case "kafka" -> {
                    KafkaBroker broker = KafkaBroker.startDurable(
                            Integer.parseInt(options.getOrDefault("port", "9092")),
                            Path.of(options.getOrDefault("data-dir", ".newsroom/kafka")));
                    running = broker;
                    address = broker.bootstrapServers();
                }
                case "mongo" -> {
                    int port = Integer.parseInt(options.getOrDefault("port", "27017"));
                    MongoStore store = options.containsKey("in-memory")
                            ? MongoStore.startInMemoryOn(port)
                            : MongoStore.startDurable(
                                    port, Path.of(options.getOrDefault("data-file", ".newsroom/mongo/store.mv")));
                    running = store;
                    address = store.uri("");
                }
                default -> {
                    usage("unknown component '" + args[0] + "'");
                    return;
                }
            }
        } catch (Ports.PortInUseException e) {
            System.err.println(e.getMessage());
            System.exit(PORT_IN_USE);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                running.close();
            } catch (Exception e) {
                System.err.println("Error while stopping " + args[0] + ": " + e);
            } finally {
                stopped.countDown();
            }
        }));
        System.out.println("READY " + args[0] + " " + address);
        System.out.flush();
        stopped.await();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                usage("unexpected argument '" + args[i] + "'");
            }
            String name = args[i].substring(2);
            boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
            options.put(name, hasValue ? args[++i] : "true");
        }
        return options;
    }

    private static void usage(String problem) {
        System.err.println("embedded-infra: " + problem);
        System.err.println(
                "usage: kafka [--port N] [--data-dir DIR] | mongo [--port N] [--data-file FILE | --in-memory]");
        System.exit(USAGE);
    }
}
