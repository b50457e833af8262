package dev.newsroom.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Makes the class-data archives the services lack (see {@link ClassDataArchives}), one service at a
 * time, after the suite is ready: each training run builds the service's application context
 * against the running broker and store, as the real start did, and ends. It runs at low priority
 * ({@code nice}) so that the suite stays responsive, and once per build: the next start maps the
 * archives. Stopping the suite stops a training run at once; its archive is made on a later start.
 */
final class ArchiveTraining {

    /**
     * One archive to make.
     *
     * @param name the service's name
     * @param command its training command, writing to {@code inProgress}
     * @param environment its environment, as for its start
     * @param inProgress where the JVM writes the archive
     * @param archive where the archive goes once complete
     * @param untilReady the process does not end by itself: stop it once it prints {@code READY}
     */
    record Run(
            String name,
            List<String> command,
            java.util.Map<String, String> environment,
            Path inProgress,
            Path archive,
            boolean untilReady) {}

    private static final Duration RUN_LIMIT = Duration.ofMinutes(3);
    private static final Path NICE = Path.of("/usr/bin/nice");

    private final List<Run> runs;
    private final Path logDir;
    private final SuiteConsole console;
    private volatile boolean cancelled;
    private volatile Process current;

    ArchiveTraining(List<Run> runs, Path logDir, SuiteConsole console) {
        this.runs = runs;
        this.logDir = logDir;
        this.console = console;
    }

    void startInBackground() {
        if (runs.isEmpty()) {
            return;
        }
        console.println("Making class-data archives of " + runs.size()
                + " processes in the background, once per build, so the next start needs about half the CPU"
                + " (--no-cds to skip).");
        Thread thread = new Thread(this::runAll, "class-data-archives");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the training run in progress, if any, and the ones after it. */
    void cancel() {
        cancelled = true;
        Process running = current;
        if (running != null) {
            running.descendants().forEach(ProcessHandle::destroyForcibly);
            running.destroyForcibly();
        }
    }

    private void runAll() {
        long begun = System.nanoTime();
        int made = 0;
        for (Run run : runs) {
            if (cancelled) {
                return;
            }
            if (train(run)) {
                made++;
            }
        }
        if (!cancelled) {
            console.println(String.format(
                    Locale.ROOT,
                    "Class-data archives: %d of %d made in %.0f s; the next start uses them.",
                    made,
                    runs.size(),
                    (System.nanoTime() - begun) / 1e9));
        }
    }

    /** Asks the process to stop (it writes the archive as it exits) once its log says READY. */
    private void stopOnceReady(Process process, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + RUN_LIMIT.toNanos();
        while (process.isAlive() && System.nanoTime() < deadline && !cancelled) {
            if (Files.readString(log).lines().anyMatch(line -> line.startsWith("READY "))) {
                process.destroy();
                return;
            }
            Thread.sleep(200);
        }
    }

    private boolean train(Run run) {
        Path inProgress = run.inProgress();
        Path log = logDir.resolve(run.name() + ".class-data.log");
        try {
            Files.deleteIfExists(inProgress);
            List<String> command = new java.util.ArrayList<>();
            if (Files.isExecutable(NICE)) {
                command.addAll(List.of(NICE.toString(), "-n", "10"));
            }
            command.addAll(run.command());
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(run.environment());
            current = builder.start();
            if (cancelled) {
                cancel();
            }
            if (run.untilReady()) {
                stopOnceReady(current, log);
            }
            boolean ended = current.waitFor(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS);
            if (!ended) {
                current.destroyForcibly();
            }
            // A process stopped by SIGTERM ends with 143, after writing its archive.
            boolean endedWell = ended && (current.exitValue() == 0 || run.untilReady());
            if (endedWell && !cancelled && Files.size(inProgress) > 0) {
                Files.move(
                        inProgress, run.archive(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return true;
            }
            if (!cancelled) {
                console.println("Class-data archive of " + run.name() + " not made; see " + log);
            }
            return false;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            current = null;
            ClassDataArchives.deleteTreeQuietly(logDir.resolveSibling("class-data-training"));
            try {
                Files.deleteIfExists(inProgress);
            } catch (IOException e) {
                // Retried next time.
            }
        }
    }
}
