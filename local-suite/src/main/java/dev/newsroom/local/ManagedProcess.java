package dev.newsroom.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A child process of the suite: its output is copied, line by line, to the launcher's output with
 * the component's name in front and to its own log file; a line starting with {@code READY}
 * completes {@link #announcedReady()}.
 */
final class ManagedProcess {

    private static final int REMEMBERED_LINES = 40;

    private final Component component;
    private final Process process;
    private final CompletableFuture<String> announcedReady = new CompletableFuture<>();
    private final Deque<String> lastLines = new ArrayDeque<>();
    private final Thread pump;
    private volatile boolean stopping;

    private ManagedProcess(Component component, Process process, Path logFile, PrintStream console, int nameWidth) {
        this.component = component;
        this.process = process;
        String prefix = String.format("%-" + nameWidth + "s | ", component.name());
        this.pump = new Thread(() -> copyOutput(logFile, console, prefix), "output-" + component.name());
        pump.setDaemon(true);
        pump.start();
    }

    static ManagedProcess start(Component component, Path logDir, PrintStream console, int nameWidth) {
        ProcessBuilder builder = new ProcessBuilder(component.command()).redirectErrorStream(true);
        builder.environment().putAll(component.environment());
        try {
            Files.createDirectories(logDir);
            return new ManagedProcess(component, builder.start(), component.logFile(logDir), console, nameWidth);
        } catch (IOException e) {
            throw new SuiteException("Could not start " + component.name() + ": " + e.getMessage());
        }
    }

    private void copyOutput(Path logFile, PrintStream console, String prefix) {
        try (BufferedReader lines =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                Writer log = Files.newBufferedWriter(
                        logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            String line;
            while ((line = lines.readLine()) != null) {
                console.println(prefix + line);
                log.write(line);
                log.write(System.lineSeparator());
                log.flush();
                remember(line);
                if (line.startsWith("READY ")) {
                    announcedReady.complete(line.substring("READY ".length()));
                }
            }
        } catch (IOException e) {
            // The process is gone and so is its output; nothing more to copy.
        } finally {
            announcedReady.completeExceptionally(new IllegalStateException(component.name() + " ended"));
        }
    }

    private synchronized void remember(String line) {
        if (lastLines.size() == REMEMBERED_LINES) {
            lastLines.removeFirst();
        }
        lastLines.addLast(line);
    }

    synchronized List<String> lastLines() {
        return List.copyOf(lastLines);
    }

    Component component() {
        return component;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    boolean isStopping() {
        return stopping;
    }

    CompletableFuture<String> announcedReady() {
        return announcedReady;
    }

    CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /** Asks the process to stop (SIGTERM), as an orchestrator would; it shuts down gracefully. */
    void requestStop() {
        stopping = true;
        // Through the handle: Process.destroy() would also close the pipe and lose its last log lines.
        process.toHandle().destroy();
    }

    /**
     * Waits for the process to end; past the deadline it and anything it started are killed.
     *
     * @return true if it stopped by itself in time
     */
    boolean awaitStop(Duration grace) throws InterruptedException {
        boolean stopped = process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
        if (!stopped) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(2, TimeUnit.SECONDS);
        }
        try {
            pump.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return stopped;
    }

    /** The resident memory of the process in KiB, read from /proc (Linux only), or -1. */
    long residentKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or the process is gone: no figure.
        }
        return -1;
    }
}
