package dev.newsroom.local;

import java.io.PrintStream;
import java.util.function.LongSupplier;

/**
 * The launcher's console: whole lines from the launcher and its processes, and one progress line
 * while the suite starts. On a terminal the progress line is rewritten in place (carriage return,
 * erase to the end of the line) and every other line is printed above it; anywhere else (a pipe, a
 * file, CI, the system tests reading the output) there are no control characters at all, and the
 * progress is printed as a plain line now and then instead.
 */
final class SuiteConsole {

    /** How often the progress is repeated as a plain line when the output is not a terminal: the
     * ready lines show the progress too, and the console of a slow start must still fit on one screen.
     */
    static final long PLAIN_PROGRESS_EVERY_NANOS = 20_000_000_000L;

    private static final String ERASE_LINE = "\r\033[K";

    private final PrintStream out;
    private final boolean terminal;
    private final int width;
    private final LongSupplier nanoTime;
    private String progress;
    private long lastPlainProgress;

    SuiteConsole(PrintStream out, boolean terminal, int width, LongSupplier nanoTime) {
        this.out = out;
        this.terminal = terminal;
        this.width = Math.max(20, width);
        this.nanoTime = nanoTime;
        this.lastPlainProgress = nanoTime.getAsLong();
    }

    /** The process's own console: a terminal when there is one, its width from {@code COLUMNS}. */
    static SuiteConsole system() {
        int width = 100;
        try {
            width = Integer.parseInt(String.valueOf(System.getenv("COLUMNS")).trim());
        } catch (NumberFormatException e) {
            // No width given: assume a usual terminal.
        }
        return new SuiteConsole(System.out, System.console() != null, width, System::nanoTime);
    }

    synchronized void println(String line) {
        if (terminal && progress != null) {
            out.print(ERASE_LINE);
        }
        out.println(line);
        if (terminal && progress != null) {
            out.print(progress);
        }
        out.flush();
    }

    void printf(String format, Object... args) {
        println(String.format(java.util.Locale.ROOT, format, args).stripTrailing());
    }

    /** Shows the state of the start: in place on a terminal, else as a plain line every twenty seconds. */
    synchronized void progress(String text) {
        if (terminal) {
            progress = text.length() < width ? text : text.substring(0, width - 2) + "…";
            out.print(ERASE_LINE + progress);
            out.flush();
            return;
        }
        long now = nanoTime.getAsLong();
        if (now - lastPlainProgress >= PLAIN_PROGRESS_EVERY_NANOS) {
            lastPlainProgress = now;
            out.println(text);
            out.flush();
        }
    }

    /** Removes the progress line; later lines are printed normally. */
    synchronized void endProgress() {
        if (terminal && progress != null) {
            out.print(ERASE_LINE);
            out.flush();
        }
        progress = null;
    }
}
