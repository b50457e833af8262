package dev.newsroom.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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
    record ServiceSpec(String module, String portVariable, int defaultPort, String database) {

        /** {@code USER_SERVICE_PORT} → {@code USER_SERVICE_MANAGEMENT_PORT}. */
        String managementPortVariable() {
            return portVariable.replace("_PORT", "_MANAGEMENT_PORT");
        }
    }

    /** How far above its own port a process's management port is unless its variable says otherwise. */
    static final int MANAGEMENT_PORT_OFFSET = 1000;

    static final List<ServiceSpec> SERVICES = List.of(
            new ServiceSpec("user-service", "USER_SERVICE_PORT", 8081, "newsroom-users"),
            new ServiceSpec("article-service", "ARTICLE_SERVICE_PORT", 8082, "newsroom-articles"),
            new ServiceSpec("comment-service", "COMMENT_SERVICE_PORT", 8083, "newsroom-comments"),
            new ServiceSpec("trending-service", "TRENDING_SERVICE_PORT", 8084, "newsroom-trending"),
            new ServiceSpec("assistant-service", "ASSISTANT_SERVICE_PORT", 8085, "newsroom-assistant"));
    static final ServiceSpec GATEWAY = new ServiceSpec("gateway", "GATEWAY_PORT", 8080, null);

    /** The one whose keys every other service checks tokens against. */
    private static final ServiceSpec USER_SERVICE = SERVICES.get(0);

    private final Options options;
    private final Function<String, String> env;
    private final String java;
    private final ClassDataArchives archives;
    private final SuitePorts ports;

    /**
     * @param archives class data sharing for the services, or {@code null} to run the jars as built
     */
    SuiteLayout(Options options, Function<String, String> env, String java, ClassDataArchives archives) {
        this.options = options;
        this.env = env;
        this.java = java;
        this.archives = archives;
        this.ports = new SuitePorts(env, options.scale());
    }

    /** Where every process listens. */
    SuitePorts ports() {
        return ports;
    }

    private Scale scale() {
        return options.scale();
    }

    private int port(String variable, int defaultPort) {
        return ports.port(variable, defaultPort);
    }

    private int port(ServiceSpec spec, int instance) {
        return ports.port(spec, instance);
    }

    private int managementPort(ServiceSpec spec, int instance) {
        return ports.managementPort(spec, instance);
    }

    List<Component> infrastructure() {
        Path builtJar = jar("embedded-infra", "-exec.jar");
        ClassDataArchives.Launch launch = archives == null ? null : archives.prepare(builtJar);
        int kafkaPort = port("KAFKA_PORT", 9092);
        int mongoPort = port("MONGO_PORT", 27017);
        Path training = options.dataDir().resolve("class-data-training");
        return List.of(
                infra(
                        "kafka",
                        "KAFKA_PORT",
                        kafkaPort,
                        512,
                        builtJar,
                        launch,
                        List.of("--data-dir", options.dataDir().resolve("kafka").toString()),
                        List.of("--data-dir", training.resolve("kafka").toString())),
                infra(
                        "mongo",
                        "MONGO_PORT",
                        mongoPort,
                        384,
                        builtJar,
                        launch,
                        List.of(
                                "--data-file",
                                options.dataDir()
                                        .resolve("mongo")
                                        .resolve("store.mv")
                                        .toString()),
                        List.of("--in-memory")));
    }

    /**
     * The broker or the store. Their archive is made by a run of their own on a free port, with
     * scratch data, stopped once it says it is ready.
     */
    private Component infra(
            String role,
            String variable,
            int port,
            int heapMegabytes,
            Path builtJar,
            ClassDataArchives.Launch launch,
            List<String> dataArguments,
            List<String> trainingDataArguments) {
        List<String> arguments = new ArrayList<>(List.of(role, "--port", String.valueOf(port)));
        arguments.addAll(dataArguments);
        List<String> javaOptions = new ArrayList<>(List.of("-Xmx" + heapMegabytes + "m"));
        javaOptions.addAll(options.infraJavaOptions());
        if (launch == null) {
            return new Component(
                    role, variable, port, 0, javaCommand(builtJar, javaOptions, arguments), Map.of(), null, null);
        }
        ArchiveTraining.Run training = null;
        if (!launch.archived(role)) {
            List<String> trainingArguments = new ArrayList<>(List.of(role, "--port", String.valueOf(freePort())));
            trainingArguments.addAll(trainingDataArguments);
            training = new ArchiveTraining.Run(
                    role,
                    archives.trainingCommand(
                            launch, javaOptions, launch.archiveInProgress(role), false, trainingArguments),
                    Map.of(),
                    launch.archiveInProgress(role),
                    launch.archive(role),
                    true);
        }
        List<String> running = new ArrayList<>(javaOptions);
        running.addAll(launch.javaOptions(role));
        return new Component(
                role, variable, port, 0, javaCommand(launch.jar(), running, arguments), Map.of(), null, training);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The services, then the gateways, which are started with them but are the door to them. Every
     * instance of a service has the same database and consumer groups; each gateway balances over
     * every instance of each service.
     */
    List<Component> services() {
        String kafka = "127.0.0.1:" + port("KAFKA_PORT", 9092);
        String mongo = "mongodb://127.0.0.1:" + port("MONGO_PORT", 27017) + "/";
        List<Component> components = new ArrayList<>();
        Map<String, String> gatewayEnvironment = new LinkedHashMap<>();
        for (ServiceSpec spec : SERVICES) {
            List<String> addresses = new ArrayList<>();
            for (int instance = 1; instance <= scale().of(spec.module()); instance++) {
                addresses.add("http://127.0.0.1:" + port(spec, instance));
            }
            gatewayEnvironment.put(urlVariable(spec.module()), String.join(",", addresses));
        }
        // Every service verifies tokens itself, against the keys user-service publishes (in its database,
        // so every instance publishes the same ones); the first instance is asked for them.
        String userServiceUrl = "http://127.0.0.1:" + port(USER_SERVICE, 1);
        ServiceClientSecrets secrets = ServiceClientSecrets.in(options.dataDir());
        gatewayEnvironment.put("SERVICE_CLIENT_SECRET", secrets.gateway());
        for (ServiceSpec spec : SERVICES) {
            for (int instance = 1; instance <= scale().of(spec.module()); instance++) {
                Map<String, String> environment = new LinkedHashMap<>();
                environment.put("PORT", String.valueOf(port(spec, instance)));
                environment.put("MANAGEMENT_PORT", String.valueOf(managementPort(spec, instance)));
                environment.put("MONGO_URI", mongo + spec.database());
                environment.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
                environment.put("USER_SERVICE_URL", userServiceUrl);
                if (spec.equals(USER_SERVICE)) {
                    environment.put("SERVICE_CLIENTS", secrets.serviceClients());
                }
                components.add(service(spec, instance, environment));
            }
        }
        for (int instance = 1; instance <= scale().of(GATEWAY.module()); instance++) {
            Map<String, String> environment = new LinkedHashMap<>(gatewayEnvironment);
            environment.put("PORT", String.valueOf(port(GATEWAY, instance)));
            environment.put("MANAGEMENT_PORT", String.valueOf(managementPort(GATEWAY, instance)));
            components.add(service(GATEWAY, instance, environment));
        }
        return components;
    }

    /** Instance {@code instance} (from 1) of a service; only the first makes the class-data archive they all map. */
    private Component service(ServiceSpec spec, int instance, Map<String, String> environment) {
        Path builtJar = jar(spec.module(), ".jar");
        String name = Scale.name(spec.module(), instance);
        int port = port(spec, instance);
        int managementPort = managementPort(spec, instance);
        if (archives == null) {
            return new Component(
                    name,
                    spec.portVariable(),
                    port,
                    managementPort,
                    javaCommand(builtJar, options.serviceJavaOptions(), List.of()),
                    environment,
                    readiness(managementPort),
                    null);
        }
        String role = ClassDataArchives.SERVICE;
        ClassDataArchives.Launch launch = archives.prepare(builtJar);
        ArchiveTraining.Run training = null;
        if (instance == 1 && !launch.archived(role)) {
            Map<String, String> trainingEnvironment = new LinkedHashMap<>(environment);
            // The training run stops before its web server would listen; port 0 keeps it clear anyway.
            trainingEnvironment.put("PORT", "0");
            trainingEnvironment.put("MANAGEMENT_PORT", "0");
            training = new ArchiveTraining.Run(
                    spec.module(),
                    archives.trainingCommand(
                            launch, options.serviceJavaOptions(), launch.archiveInProgress(role), true, List.of()),
                    trainingEnvironment,
                    launch.archiveInProgress(role),
                    launch.archive(role),
                    false);
        }
        List<String> javaOptions = new ArrayList<>(options.serviceJavaOptions());
        javaOptions.addAll(launch.javaOptions(role));
        return new Component(
                name,
                spec.portVariable(),
                port,
                managementPort,
                javaCommand(launch.jar(), javaOptions, List.of()),
                environment,
                readiness(managementPort),
                training);
    }

    private static String readiness(int managementPort) {
        return "http://127.0.0.1:" + managementPort + "/actuator/health/readiness";
    }

    /** {@code user-service} → {@code USER_SERVICE_URL}, as the gateway's application.yml reads it. */
    static String urlVariable(String module) {
        return module.toUpperCase().replace('-', '_') + "_URL";
    }

    private List<String> javaCommand(Path jar, List<String> javaOptions, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(javaOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(arguments);
        return command;
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
