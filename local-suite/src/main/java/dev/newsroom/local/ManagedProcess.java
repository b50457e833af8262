package dev.newsroom.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
import java.util.function.Consumer;

/**
 * A child process of the suite: its output is copied, line by line, to its own log file and to a
 * console sink (which decides what of it the console shows); a line starting with {@code READY}
 * completes {@link #announcedReady()}.
 */
final class ManagedProcess {

    private static final int REMEMBERED_LINES = 40;

    /** Linux's USER_HZ, the unit of /proc/<pid>/stat's CPU times: 100 on every usual kernel. */
    private static final int CLOCK_TICKS = 100;

    private final Component component;
    private final Process process;
    private final CompletableFuture<String> announcedReady = new CompletableFuture<>();
    private final Deque<String> lastLines = new ArrayDeque<>();
    private final Thread pump;
    private final long startedNanos = System.nanoTime();
    private volatile long readyNanos;
    private volatile boolean stopping;

    private ManagedProcess(Component component, Process process, Path logFile, Consumer<String> console) {
        this.component = component;
        this.process = process;
        this.pump = new Thread(() -> copyOutput(logFile, console), "output-" + component.name());
        pump.setDaemon(true);
        pump.start();
    }

    static ManagedProcess start(Component component, Path logFile, Consumer<String> console) {
        ProcessBuilder builder = new ProcessBuilder(component.command()).redirectErrorStream(true);
        builder.environment().putAll(component.environment());
        try {
            Files.createDirectories(logFile.getParent());
            return new ManagedProcess(component, builder.start(), logFile, console);
        } catch (IOException e) {
            throw new SuiteException("Could not start " + component.name() + ": " + e.getMessage());
        }
    }

    private void copyOutput(Path logFile, Consumer<String> console) {
        try (BufferedReader lines =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                Writer log = Files.newBufferedWriter(
                        logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            String line;
            while ((line = lines.readLine()) != null) {
                console.accept(line);
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

    void markReady() {
        readyNanos = System.nanoTime();
    }

    boolean isReady() {
        return readyNanos != 0;
    }

    /** How long it took to become ready, or has been starting so far. */
    Duration startingFor() {
        long end = readyNanos != 0 ? readyNanos : System.nanoTime();
        return Duration.ofNanos(end - startedNanos);
    }

    /** The CPU time the process has used (user and system), read from /proc (Linux only), or -1. */
    double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // Fields 14 and 15 of proc(5) (utime, stime), counted here from field 3 (state).
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
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
