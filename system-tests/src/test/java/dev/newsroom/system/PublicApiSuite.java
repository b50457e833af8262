package dev.newsroom.system;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One running suite shared by every system test class that only uses the public API and leaves the
 * suite as it found it (no process killed, no restart): starting the whole suite costs a minute or
 * more of the two cores, so it is started once per test JVM, on first use, and stopped when the JVM
 * ends. Classes that stop, kill or restart processes start a suite of their own.
 *
 * <p>Started with {@code --fresh --no-seed}: an empty site, so tests create what they read. Each
 * class makes its own users (names made unique per run) and never relies on what another class
 * wrote. The rate limits stay as configured by default; a class that sends many requests spreads
 * them over users of its own (each signed-in user has a budget of its own).
 */
final class PublicApiSuite {

    private static final Path DATA_DIR = RunningSuite.home().resolve("system-tests/target/public-api-data");

    private static RunningSuite suite;

    private PublicApiSuite() {}

    /** The shared suite, started (and awaited) on the first call. */
    static synchronized RunningSuite get() {
        if (suite == null) {
            Map<String, Integer> ports = RunningSuite.freePorts();
            // Generous: on a shared, loaded machine the suite's JVMs have taken over four minutes to start.
            RunningSuite started =
                    RunningSuite.start(ports, DATA_DIR, "--fresh", "--no-seed", "--start-timeout", "600");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(started), "public-api-suite-stop"));
            suite = started.awaitReady(Duration.ofMinutes(11));
        }
        return suite;
    }

    private static void closeQuietly(RunningSuite started) {
        try {
            started.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
