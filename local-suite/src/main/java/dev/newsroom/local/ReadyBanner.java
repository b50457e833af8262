package dev.newsroom.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The summary printed once everything is ready: where to go, how to sign in, each process's PID and memory. */
final class ReadyBanner {

    private ReadyBanner() {}

    static String text(
            Duration took,
            List<Integer> gatewayPorts,
            int gatewayManagementPort,
            boolean demo,
            List<String> consoles,
            List<ManagedProcess> processes,
            Path dataDir) {
        StringBuilder out = new StringBuilder();
        out.append(System.lineSeparator())
                .append(String.format(
                        Locale.ROOT, "Newsroom is up: every process ready in %.1f s.%n", took.toMillis() / 1000.0))
                .append(String.format(
                        "  Web front end and API  %s  (API under /api)%n",
                        gatewayPorts.stream()
                                .map(port -> "http://localhost:" + port + "/")
                                .collect(Collectors.joining(" and "))))
                .append(String.format(
                        "  Suite health           http://localhost:%d/actuator/health/services%n",
                        gatewayManagementPort));
        consoles.forEach(line -> out.append(line).append(System.lineSeparator()));
        if (demo) {
            out.append(String.format(
                    "  Demo sign-in           %s@newsroom.example / %s (a moderator); also amara@, jonas@, mei@%n",
                    DemoContent.MODERATOR, DemoContent.PASSWORD));
        }
        out.append(String.format(
                "%n  %-20s %-8s %-9s %-23s %s%n", "process", "pid", "memory", "address", "health and metrics"));
        for (ManagedProcess process : processes) {
            Component c = process.component();
            String address = c.isInfrastructure() ? "127.0.0.1:" + c.port() : "http://localhost:" + c.port();
            long rss = process.residentKib();
            String management = c.managementPort() > 0
                    ? "http://localhost:" + c.managementPort() + "/actuator/{health,prometheus}"
                    : "";
            out.append(String.format(
                    "  %-20s %-8d %-9s %-23s %s%n",
                    c.name(), process.pid(), rss < 0 ? "?" : (rss / 1024) + " MiB", address, management));
        }
        out.append(String.format("%n  Data and logs in %s. Stop with Ctrl-C.%n", dataDir))
                .append(LocalSuite.READY_LINE);
        return out.toString();
    }
}
