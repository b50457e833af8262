package dev.newsroom.local;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How many instances of each process the suite runs ({@code --instances}, {@code --scale}), and where
 * the second and later ones listen. Every instance of a service shares the service's database and
 * consumer groups, as replicas do in production; the gateways balance over all of them.
 *
 * @param instances the count for every service without a {@code --scale} of its own
 * @param scaled the counts given by {@code --scale module=N}
 */
record Scale(int instances, Map<String, Integer> scaled) {

    /**
     * The most instances of one process: every topic of the local broker has this many partitions, and
     * the members of a consumer group share them, so a further instance would sit idle.
     */
    static final int MAX_INSTANCES = 3;

    /** How far apart the ports of two instances of one process are: 8082, 8182, 8282. */
    static final int PORT_STEP = 100;

    Scale {
        scaled = Map.copyOf(scaled);
    }

    /** Instances of {@code module}: its own {@code --scale}, else {@code --instances}; two gateways when that is more than one. */
    int of(String module) {
        Integer count = scaled.get(module);
        if (count != null) {
            return count;
        }
        return module.equals(SuiteLayout.GATEWAY.module()) ? Math.min(instances, 2) : instances;
    }

    /** {@code article-service}, {@code article-service-2}, … */
    static String name(String module, int instance) {
        return instance == 1 ? module : module + "-" + instance;
    }

    /** The port of instance {@code instance} (from 1) of a process whose first instance listens on {@code first}. */
    static int port(int first, int instance) {
        return first + PORT_STEP * (instance - 1);
    }

    /** {@code --instances N}: a whole number from 1 to {@link #MAX_INSTANCES}. */
    static int count(String option, String value) {
        try {
            int count = Integer.parseInt(value.trim());
            if (count >= 1 && count <= MAX_INSTANCES) {
                return count;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SuiteException.Usage(option + " takes a whole number of instances from 1 to " + MAX_INSTANCES
                + " (every topic has " + MAX_INSTANCES
                + " partitions, shared by the instances of a consumer group), not '"
                + value + "'");
    }

    /** {@code --scale module=N}: a process of the suite and its count. */
    static Map.Entry<String, Integer> scaling(String value) {
        int equals = value.indexOf('=');
        String module = equals < 0 ? value : value.substring(0, equals).trim();
        if (equals < 0 || !modules().contains(module)) {
            throw new SuiteException.Usage("--scale takes PROCESS=N with PROCESS one of " + String.join(", ", modules())
                    + ", not '" + value + "'");
        }
        return Map.entry(module, count("--scale " + module, value.substring(equals + 1)));
    }

    private static List<String> modules() {
        return Stream.concat(SuiteLayout.SERVICES.stream(), Stream.of(SuiteLayout.GATEWAY))
                .map(SuiteLayout.ServiceSpec::module)
                .toList();
    }
}
