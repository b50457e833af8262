package dev.newsroom.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The launcher's command line.
 *
 * @param home the repository checkout whose modules' jars are run
 * @param dataDir where the broker, the store and the logs keep their files
 * @param fresh start with empty data instead of what the last run left
 * @param startTimeout how long every process together may take to become ready
 * @param serviceJavaOptions JVM options for the six Spring services
 * @param infraJavaOptions JVM options for the broker and the store
 * @param seedDemo write the demo content through the API until all of it is there
 * @param verbose copy every line every process writes to the console, not only the suite's own
 * @param classDataSharing run the services from extracted jars with class-data archives, made in
 *     the background after the first start of each build (starts with them take about half the CPU)
 * @param observe also run Zipkin and (when installed) Prometheus, and have every process send its
 *     traces, all of them, to that Zipkin
 * @param scale how many instances of each service and of the gateway to run
 */
record Options(
        Path home,
        Path dataDir,
        boolean fresh,
        Duration startTimeout,
        List<String> serviceJavaOptions,
        List<String> infraJavaOptions,
        boolean seedDemo,
        boolean verbose,
        boolean classDataSharing,
        boolean observe,
        Scale scale) {

    static final String USAGE = """
            usage: local-suite [--fresh] [--no-seed] [--verbose] [--no-cds] [--observe] [--data-dir DIR]
                               [--home DIR] [--start-timeout SECONDS] [--instances N] [--scale PROCESS=N]...

              --fresh            forget the data of earlier runs (articles, users, topics) and start empty
              --data-dir DIR     where Kafka, the store and the logs keep their files (default: .newsroom)
              --home DIR         the Newsroom checkout whose jars to run (default: the current directory)
              --start-timeout S  seconds to wait for every process to become ready (default: 240)
              --no-seed          start without the demo articles, users and comments (also SEED_DEMO=false);
                                 they are written into data that starts empty, and a start stopped while
                                 writing them is finished by the next one, with nothing written twice
              --verbose          stream every line of every process here; by default the console shows
                                 start and ready lines, warnings and errors, and the rest goes to the logs
              --no-cds           run every process from its jar as built, without class-data archives
                                 (also NEWSROOM_CDS=false); by default the launcher extracts each jar once
                                 per build (into <module>/target/local-suite-cds) and, after that first
                                 start is ready, makes in the background the class-data archives that
                                 later starts map instead of loading and verifying every class again
              --observe          also start Zipkin (its jar is fetched once through the Maven wrapper) and,
                                 when Debian's prometheus is on the PATH, Prometheus scraping every process
                                 with the alert rules of deploy/prometheus; every service and the gateway
                                 then sends all its traces to that Zipkin
              --instances N      run N instances (1-%d) of every service, and two gateways when N > 1; the
                                 gateways balance over all instances, which share their service's database
                                 and consumer groups. Instance k listens on the first one's port + %d(k-1)
              --scale PROCESS=N  N instances of one service or of the gateway, whatever --instances says
                                 (repeatable), e.g. --scale trending-service=3

            Ports come from GATEWAY_PORT (8080), USER_SERVICE_PORT (8081), ARTICLE_SERVICE_PORT (8082),
            COMMENT_SERVICE_PORT (8083), TRENDING_SERVICE_PORT (8084), ASSISTANT_SERVICE_PORT (8085),
            KAFKA_PORT (9092), MONGO_PORT (27017); with --observe also ZIPKIN_PORT (9411) and
            PROMETHEUS_PORT (9090).
            JVM options: NEWSROOM_SERVICE_JAVA_OPTS (default: %s)
            and NEWSROOM_INFRA_JAVA_OPTS (default: %s).
            Ctrl-C (or SIGTERM) stops every process, also while they are still starting.
            """.formatted(
            Scale.MAX_INSTANCES, Scale.PORT_STEP, Options.DEFAULT_SERVICE_JAVA_OPTS, Options.DEFAULT_INFRA_JAVA_OPTS);

    /** Small heaps, one GC thread and C1 only: six Spring JVMs start fast on two cores. */
    static final String DEFAULT_SERVICE_JAVA_OPTS =
            "-Xms64m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k";

    /**
     * C1 only for the broker and the store too: on a local start the C2 compiler's work (several
     * seconds of CPU while the broker starts) competes with six starting services for two cores.
     */
    static final String DEFAULT_INFRA_JAVA_OPTS = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    static Options parse(String[] args, java.util.function.Function<String, String> env) {
        Path home = Path.of("").toAbsolutePath();
        Path dataDir = null;
        boolean fresh = false;
        boolean seed =
                !"false".equalsIgnoreCase(String.valueOf(env.apply("SEED_DEMO")).trim());
        Duration timeout = Duration.ofSeconds(240);
        boolean verbose = false;
        boolean observe = false;
        boolean cds = !"false"
                .equalsIgnoreCase(String.valueOf(env.apply("NEWSROOM_CDS")).trim());
        int instances = 1;
        Map<String, Integer> scaled = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--fresh" -> fresh = true;
                case "--no-seed" -> seed = false;
                case "--verbose" -> verbose = true;
                case "--no-cds" -> cds = false;
                case "--observe" -> observe = true;
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, "--data-dir"));
                case "--home" -> home = Path.of(value(args, ++i, "--home")).toAbsolutePath();
                case "--start-timeout" -> timeout = Duration.ofSeconds(seconds(value(args, ++i, "--start-timeout")));
                case "--instances" -> instances = Scale.count("--instances", value(args, ++i, "--instances"));
                case "--scale" -> {
                    Map.Entry<String, Integer> scaling = Scale.scaling(value(args, ++i, "--scale"));
                    scaled.put(scaling.getKey(), scaling.getValue());
                }
                case "-h", "--help" -> throw new HelpRequested();
                default -> throw new SuiteException.Usage("Unknown option '" + args[i] + "'.\n" + USAGE);
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
                seed,
                verbose,
                cds,
                observe,
                new Scale(instances, scaled));
    }

    Path logDir() {
        return dataDir.resolve("logs");
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new SuiteException.Usage(option + " needs a value.\n" + USAGE);
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
        throw new SuiteException.Usage("--start-timeout takes a whole number of seconds, not '" + value + "'");
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
