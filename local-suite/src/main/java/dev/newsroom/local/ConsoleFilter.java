package dev.newsroom.local;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides which of one process's output lines reach the console; every line goes to the process's
 * log file regardless. By default the console shows warnings and errors (with the first lines of
 * their stack traces), lines the JVM itself writes about a problem, and nothing else: no banner, no
 * INFO chatter, no Kafka client configuration dumps. A few warnings that libraries always write on
 * this local set-up are left to the log (see {@link #EXPECTED}), and a process that keeps warning is
 * cut off after a few lines with a pointer to its log, so the console of a start fits on one screen.
 */
final class ConsoleFilter {

    /** Warnings of one process shown before the rest are left to its log. */
    static final int WARNINGS_SHOWN = 3;

    /** Lines of a stack trace (or other continuation) shown under a warning or error. */
    static final int CONTINUATION_SHOWN = 3;

    /**
     * The start of a log line with its level: Spring Boot's console format ({@code
     * 2026-12-06T09:19:31.121Z  INFO 5467 --- ...}), the embedded infrastructure's ({@code
     * 09:20:52.529 WARN  o.a.k...}), a JSON line ({@code "level":"WARN"}), or Prometheus' logfmt
     * ({@code ts=... caller=main.go:585 level=info msg=...}).
     */
    private static final Pattern LEVELLED = Pattern.compile(
            "^(?:\\d{4}-\\d{2}-\\d{2}T\\S+|\\d{2}:\\d{2}:\\d{2}[.,]\\d+)\\s+(TRACE|DEBUG|INFO|WARN|ERROR|FATAL)\\b"
                    + "|\"level\"\\s*:\\s*\"(TRACE|DEBUG|INFO|WARN|ERROR|FATAL)\""
                    + "|^ts=\\S+ .*\\blevel=(debug|info|warn|error)\\b");

    /** An unlevelled line that still reports a problem (the JVM's own warnings, a failed start). */
    private static final Pattern PROBLEM =
            Pattern.compile("(?i)\\b(warning|error|exception|could not|cannot|failed)\\b");

    /**
     * Warnings libraries write on every local start, that ask nothing of the person starting it:
     * mongo-java-server has no secondary indexes (it ignores them, and says so per index); a Kafka
     * client asking for a topic that is being created is told to retry (LEADER_NOT_AVAILABLE); a
     * broker with empty data writes its bootstrap records, and closes a client twice when it stops;
     * Spring Cloud Function notes Kotlin without Jackson's Kotlin module; Spring Cloud LoadBalancer
     * recommends Caffeine; Micrometer notes the gauge of a second binding on the same topic, and
     * Zipkin's late meter filter (with {@code --observe}).
     */
    static final List<Pattern> EXPECTED = List.of(
            Pattern.compile("secondary index with keys .* is not yet implemented"),
            Pattern.compile("The metadata response from the cluster reported a recoverable issue"),
            Pattern.compile("Performing controller activation\\. The metadata log appears to be empty"),
            Pattern.compile("Attempting to close NetworkClient that has already been closed"),
            Pattern.compile("Kotlin is present on the classpath, but the Jackson Kotlin module"),
            Pattern.compile("Spring Cloud LoadBalancer is currently working with the default cache"),
            Pattern.compile("This Gauge has been already registered"),
            Pattern.compile("A MeterFilter is being configured after a Meter has been registered"));

    private final boolean verbose;
    private final String log;
    private boolean showingBlock;
    private boolean seenLevelledLine;
    private int continuationShown;
    private int warningsShown;
    private boolean cutOff;

    /**
     * @param verbose show everything, as {@code --verbose} asks
     * @param log the process's log file, named when its warnings are cut off
     */
    ConsoleFilter(boolean verbose, String log) {
        this.verbose = verbose;
        this.log = log;
    }

    /** The lines to print for one line of the process's output: none, the line, or a note. */
    List<String> accept(String line) {
        if (verbose) {
            return List.of(line);
        }
        Matcher levelled = LEVELLED.matcher(line);
        if (levelled.find()) {
            seenLevelledLine = true;
            String level = levelled.group(1) != null
                    ? levelled.group(1)
                    : levelled.group(2) != null
                            ? levelled.group(2)
                            : levelled.group(3).toUpperCase(java.util.Locale.ROOT);
            return block(line, level);
        }
        if (!seenLevelledLine || !showingBlock) {
            // Before any log line (the JVM, the banner) or after one not shown: only problems.
            if (line.startsWith("READY ") || !PROBLEM.matcher(line).find() || line.startsWith("\t")) {
                showingBlock = false;
                return List.of();
            }
            return block(line, "WARN");
        }
        return continuation(line);
    }

    private List<String> block(String line, String level) {
        continuationShown = 0;
        boolean problem = level.equals("WARN") || level.equals("ERROR") || level.equals("FATAL");
        if (!problem
                || EXPECTED.stream().anyMatch(pattern -> pattern.matcher(line).find())) {
            showingBlock = false;
            return List.of();
        }
        if (!level.equals("WARN")) {
            showingBlock = true;
            return List.of(line);
        }
        if (warningsShown < WARNINGS_SHOWN) {
            warningsShown++;
            showingBlock = true;
            return List.of(line);
        }
        showingBlock = false;
        if (cutOff) {
            return List.of();
        }
        cutOff = true;
        return List.of("(further warnings only in " + log + ")");
    }

    private List<String> continuation(String line) {
        if (continuationShown < CONTINUATION_SHOWN) {
            continuationShown++;
            return List.of(line);
        }
        if (continuationShown == CONTINUATION_SHOWN) {
            continuationShown++;
            return List.of("    ... (the rest in " + log + ")");
        }
        return List.of();
    }
}
