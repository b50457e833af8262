package dev.newsroom.local;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Where each process of the suite listens: its variable or its default port for the first instance,
 * {@link Scale#PORT_STEP} further for each later one, and its management port 1000 above (or where
 * its own variable says), moved the same way.
 */
final class SuitePorts {

    /** A port the suite needs: which process listens on it, and the variable that moves it. */
    record Port(String name, String variable, int port) {}

    private final Function<String, String> env;
    private final Scale scale;

    SuitePorts(Function<String, String> env, Scale scale) {
        this.env = env;
        this.scale = scale;
    }

    /**
     * Every port the suite will listen on, known before any jar is looked at. A later instance's port
     * moves with its first instance's variable, and says so.
     */
    List<Port> all() {
        List<Port> ports = new ArrayList<>();
        ports.add(new Port("kafka", "KAFKA_PORT", port("KAFKA_PORT", 9092)));
        ports.add(new Port("mongo", "MONGO_PORT", port("MONGO_PORT", 27017)));
        List<SuiteLayout.ServiceSpec> processes = new ArrayList<>(SuiteLayout.SERVICES);
        processes.add(SuiteLayout.GATEWAY);
        for (SuiteLayout.ServiceSpec spec : processes) {
            for (int instance = 1; instance <= scale.of(spec.module()); instance++) {
                ports.add(new Port(
                        Scale.name(spec.module(), instance),
                        moves(spec.portVariable(), instance),
                        port(spec, instance)));
            }
        }
        for (SuiteLayout.ServiceSpec spec : processes) {
            for (int instance = 1; instance <= scale.of(spec.module()); instance++) {
                ports.add(new Port(
                        Scale.name(spec.module(), instance) + " (management)",
                        moves(spec.managementPortVariable(), instance),
                        managementPort(spec, instance)));
            }
        }
        return ports;
    }

    /** What moves a port: its variable, and for a later instance also the option that asked for it. */
    private static String moves(String variable, int instance) {
        return instance == 1
                ? variable
                : variable + " (instance " + instance + " of --instances/--scale listens " + Scale.PORT_STEP + "x"
                        + (instance - 1) + " above it)";
    }

    /**
     * Where an instance of a process answers health and metrics: the first one's variable, or its own
     * port + 1000, moved as its port is.
     */
    int managementPort(SuiteLayout.ServiceSpec spec, int instance) {
        int first = port(spec.managementPortVariable(), port(spec, 1) + SuiteLayout.MANAGEMENT_PORT_OFFSET);
        return checked(spec.managementPortVariable(), Scale.port(first, instance), instance);
    }

    /** The port of an instance of a process (from 1). */
    int port(SuiteLayout.ServiceSpec spec, int instance) {
        return checked(
                spec.portVariable(), Scale.port(port(spec.portVariable(), spec.defaultPort()), instance), instance);
    }

    private static int checked(String variable, int port, int instance) {
        if (port <= 65535) {
            return port;
        }
        if (instance == 1) {
            throw new SuiteException(variable + " leaves port " + port + " to a process, above 65535; set it lower");
        }
        throw new SuiteException.Usage("--instances/--scale: instance " + instance + " would listen on port " + port
                + ", above 65535; set " + variable + " lower or run fewer instances");
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
}
