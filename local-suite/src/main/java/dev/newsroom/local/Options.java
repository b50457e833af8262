package dev.newsroom.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The launcher's command line.
 *
 * @param home the repository checkout whose modules' jars are run
 * @param dataDir where the broker, the store and the logs keep their files
 * @param fresh start with empty data instead of what the last run left
 * @param startTimeout how long every process together may take to become ready
 * @param serviceJavaOptions JVM options for the six Spring services
 * @param infraJavaOptions JVM options for the broker and the store
 * @param seedDemo write the demo content through the API when the data starts empty
 */
record Options(
        Path home,
        Path dataDir,
        boolean fresh,
        Duration startTimeout,
        List<String> serviceJavaOptions,
        List<String> infraJavaOptions,
        boolean seedDemo) {

    static final String USAGE = """
            usage: local-suite [--fresh] [--no-seed] [--data-dir DIR] [--home DIR] [--start-timeout SECONDS]

              --fresh            forget the data of earlier runs (articles, users, topics) and start empty
              --data-dir DIR     where Kafka, the store and the logs keep their files (default: .newsroom)
              --home DIR         the Newsroom checkout whose jars to run (default: the current directory)
              --start-timeout S  seconds to wait for every process to become ready (default: 240)
              --no-seed          start empty instead of with the demo articles, users and comments
                                 (also SEED_DEMO=false); demo content is only written into empty data

            Ports come from GATEWAY_PORT (8080), USER_SERVICE_PORT (8081), ARTICLE_SERVICE_PORT (8082),
            COMMENT_SERVICE_PORT (8083), TRENDING_SERVICE_PORT (8084), ASSISTANT_SERVICE_PORT (8085),
            KAFKA_PORT (9092), MONGO_PORT (27017).
            JVM options: NEWSROOM_SERVICE_JAVA_OPTS and NEWSROOM_INFRA_JAVA_OPTS.
            """;

    /** Small heaps, one GC thread and C1 only: six Spring JVMs start fast on two cores. */
    static final String DEFAULT_SERVICE_JAVA_OPTS =
            "-Xms64m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k";

    static final String DEFAULT_INFRA_JAVA_OPTS = "-XX:+UseSerialGC";

    static Options parse(String[] args, java.util.function.Function<String, String> env) {
        Path home = Path.of("").toAbsolutePath();
        Path dataDir = null;
        boolean fresh = false;
        boolean seed =
                !"false".equalsIgnoreCase(String.valueOf(env.apply("SEED_DEMO")).trim());
        Duration timeout = Duration.ofSeconds(240);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--fresh" -> fresh = true;
                case "--no-seed" -> seed = false;
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, "--data-dir"));
                case "--home" -> home = Path.of(value(args, ++i, "--home")).toAbsolutePath();
                case "--start-timeout" -> timeout = Duration.ofSeconds(seconds(value(args, ++i, "--start-timeout")));
                case "-h", "--help" -> throw new HelpRequested();
                default -> throw new SuiteException("Unknown option '" + args[i] + "'.\n" + USAGE);
            }
        }
        if (dataDir == null) {
            dataDir = home.resolve(".newsroom");
        }
        return new Options(
                home,
                dataDir.toAbsolutePath(),
                fresh,
                timeout,
                javaOptions(env.apply("NEWSROOM_SERVICE_JAVA_OPTS"), DEFAULT_SERVICE_JAVA_OPTS),
                javaOptions(env.apply("NEWSROOM_INFRA_JAVA_OPTS"), DEFAULT_INFRA_JAVA_OPTS),
                seed);
    }

    Path logDir() {
        return dataDir.resolve("logs");
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new SuiteException(option + " needs a value.\n" + USAGE);
        }
        return args[index];
    }

    private static long seconds(String value) {
        try {
            long seconds = Long.parseLong(value);
            if (seconds > 0) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SuiteException("--start-timeout takes a whole number of seconds, not '" + value + "'");
    }

    private static List<String> javaOptions(String configured, String defaults) {
        String options = configured == null ? defaults : configured;
        return Arrays.stream(options.trim().split("\\s+"))
                .filter(option -> !option.isEmpty())
                .toList();
    }

    /** {@code --help}: print the usage and stop. */
    static final class HelpRequested extends RuntimeException {
        HelpRequested() {
            super(null, null, false, false);
        }
    }
}
