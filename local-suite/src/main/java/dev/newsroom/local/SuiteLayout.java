package dev.newsroom.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Which processes make up the suite and how each is configured: the same environment variables a
 * container gets in {@code docker-compose.yml}, pointed at the local broker and store.
 */
final class SuiteLayout {

    /** A service module, the variable that moves its port, its default port and its own database. */
    record ServiceSpec(String module, String portVariable, int defaultPort, String database) {}

    static final List<ServiceSpec> SERVICES = List.of(
            new ServiceSpec("user-service", "USER_SERVICE_PORT", 8081, "newsroom-users"),
            new ServiceSpec("article-service", "ARTICLE_SERVICE_PORT", 8082, "newsroom-articles"),
            new ServiceSpec("comment-service", "COMMENT_SERVICE_PORT", 8083, "newsroom-comments"),
            new ServiceSpec("trending-service", "TRENDING_SERVICE_PORT", 8084, "newsroom-trending"),
            new ServiceSpec("assistant-service", "ASSISTANT_SERVICE_PORT", 8085, "newsroom-assistant"));
    static final ServiceSpec GATEWAY = new ServiceSpec("gateway", "GATEWAY_PORT", 8080, null);

    private final Options options;
    private final Function<String, String> env;
    private final String java;

    SuiteLayout(Options options, Function<String, String> env, String java) {
        this.options = options;
        this.env = env;
        this.java = java;
    }

    List<Component> infrastructure() {
        Path infraJar = jar("embedded-infra", "-exec.jar");
        int kafkaPort = port("KAFKA_PORT", 9092);
        int mongoPort = port("MONGO_PORT", 27017);
        List<String> kafka = javaCommand(infraJar, options.infraJavaOptions(), 512);
        kafka.addAll(List.of(
                "kafka",
                "--port",
                String.valueOf(kafkaPort),
                "--data-dir",
                options.dataDir().resolve("kafka").toString()));
        List<String> mongo = javaCommand(infraJar, options.infraJavaOptions(), 384);
        mongo.addAll(List.of(
                "mongo",
                "--port",
                String.valueOf(mongoPort),
                "--data-file",
                options.dataDir().resolve("mongo").resolve("store.mv").toString()));
        return List.of(
                new Component("kafka", "KAFKA_PORT", kafkaPort, kafka, Map.of(), null),
                new Component("mongo", "MONGO_PORT", mongoPort, mongo, Map.of(), null));
    }

    /** The services, then the gateway, which is started with them but is the door to them. */
    List<Component> services() {
        String kafka = "127.0.0.1:" + port("KAFKA_PORT", 9092);
        String mongo = "mongodb://127.0.0.1:" + port("MONGO_PORT", 27017) + "/";
        List<Component> components = new ArrayList<>();
        Map<String, String> gatewayEnvironment = new LinkedHashMap<>();
        for (ServiceSpec spec : SERVICES) {
            gatewayEnvironment.put(
                    urlVariable(spec.module()), "http://127.0.0.1:" + port(spec.portVariable(), spec.defaultPort()));
        }
        String userServiceUrl = gatewayEnvironment.get(urlVariable("user-service"));
        for (ServiceSpec spec : SERVICES) {
            int port = port(spec.portVariable(), spec.defaultPort());
            Map<String, String> environment = new LinkedHashMap<>();
            environment.put("PORT", String.valueOf(port));
            environment.put("MONGO_URI", mongo + spec.database());
            environment.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
            // Every service verifies tokens itself, against the keys user-service publishes.
            environment.put("USER_SERVICE_URL", userServiceUrl);
            components.add(service(spec, port, environment));
        }
        int gatewayPort = port(GATEWAY.portVariable(), GATEWAY.defaultPort());
        gatewayEnvironment.put("PORT", String.valueOf(gatewayPort));
        components.add(service(GATEWAY, gatewayPort, gatewayEnvironment));
        return components;
    }

    private Component service(ServiceSpec spec, int port, Map<String, String> environment) {
        List<String> command = javaCommand(jar(spec.module(), ".jar"), options.serviceJavaOptions(), 0);
        return new Component(
                spec.module(),
                spec.portVariable(),
                port,
                command,
                environment,
                "http://127.0.0.1:" + port + "/actuator/health/readiness");
    }

    /** {@code user-service} → {@code USER_SERVICE_URL}, as the gateway's application.yml reads it. */
    static String urlVariable(String module) {
        return module.toUpperCase().replace('-', '_') + "_URL";
    }

    private List<String> javaCommand(Path jar, List<String> javaOptions, int heapMegabytes) {
        List<String> command = new ArrayList<>();
        command.add(java);
        if (heapMegabytes > 0) {
            command.add("-Xmx" + heapMegabytes + "m");
        }
        command.addAll(javaOptions);
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    int port(String variable, int defaultPort) {
        String value = env.apply(variable);
        if (value == null || value.isBlank()) {
            return defaultPort;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new SuiteException(variable + "=" + value + " is not a port number (1-65535)");
        }
    }

    /** The executable jar a module's build left in its {@code target} folder. */
    Path jar(String module, String suffix) {
        Path target = options.home().resolve(module).resolve("target");
        Optional<Path> found = Optional.empty();
        if (Files.isDirectory(target)) {
            try (Stream<Path> files = Files.list(target)) {
                found = files.filter(file -> {
                            String name = file.getFileName().toString();
                            return name.startsWith(module + "-")
                                    && name.endsWith(suffix)
                                    && (suffix.equals("-exec.jar") || !name.endsWith("-exec.jar"));
                        })
                        .findFirst();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found.orElseThrow(() -> new SuiteException("No executable jar for " + module + " in " + target
                + ". Build it first: ./mvnw -DskipTests package (./local-suite.sh does this for you)."));
    }
}
