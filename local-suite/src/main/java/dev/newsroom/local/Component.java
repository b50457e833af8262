package dev.newsroom.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One process of the local suite: what to run, on which port, and how to tell that it is ready.
 *
 * @param name what the logs and messages call it
 * @param portVariable the environment variable that overrides its port
 * @param port the port it listens on
 * @param managementPort the port of its health and metrics ({@code /actuator}), or 0 for the
 *     infrastructure, which has none
 * @param command the command line, from {@code java} on
 * @param environment what it is configured with
 * @param readiness an HTTP URL that answers 200 once it is ready, or {@code null} when the process
 *     says {@code READY} on its output instead
 * @param archiveTraining how to make its class-data archive, or {@code null} when it has one (or
 *     class data sharing is off)
 */
record Component(
        String name,
        String portVariable,
        int port,
        int managementPort,
        List<String> command,
        Map<String, String> environment,
        String readiness,
        ArchiveTraining.Run archiveTraining) {

    boolean isInfrastructure() {
        return readiness == null;
    }

    Path logFile(Path logDir) {
        return logDir.resolve(name + ".log");
    }
}
