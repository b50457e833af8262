package dev.newsroom.system;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian programs some system tests run (Prometheus' {@code promtool} and {@code prometheus}). On a
 * developer's machine without one, the checks that need it are skipped with a message saying what
 * to install; under CI ({@code CI=true}), where {@code .ci/run} installs them, a missing one fails.
 */
final class InstalledPrograms {

    private InstalledPrograms() {}

    /** The program of that name on the PATH, or {@code null}. */
    static Path onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * The program on the PATH; without it the calling test is skipped, or fails under CI.
     *
     * @param advice what is missing and how to install it, shown either way
     */
    static Path require(String program, String advice) {
        Path found = onPath(program);
        if (found == null) {
            if ("true".equals(System.getenv("CI"))) {
                fail(advice + "; .ci/run must install it");
            }
            Assumptions.abort(advice);
        }
        return found;
    }
}
