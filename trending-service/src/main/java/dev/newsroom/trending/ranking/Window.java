package dev.newsroom.trending.ranking;

import java.util.Arrays;
import java.util.Optional;

/**
 * The spans a popular ranking covers. A window is whole hour buckets: the current (partial) hour and
 * the hours before it, so "24h" covers between 23 and 24 hours of activity and slides every hour.
 */
public enum Window {
    H24("24h", 24),
    D7("7d", 24 * 7),
    D30("30d", 24 * 30),
    ALL("all", 0);

    /** Buckets older than the longest bounded window are dropped; "all" keeps a running total. */
    public static final int RETAINED_HOURS = 24 * 30;

    private final String label;
    private final int hours;

    Window(String label, int hours) {
        this.label = label;
        this.hours = hours;
    }

    public String label() {
        return label;
    }

    /** How many hour buckets the window sums; 0 for "all" (the running total). */
    public int hours() {
        return hours;
    }

    public static Optional<Window> parse(String label) {
        return Arrays.stream(values()).filter(w -> w.label.equals(label)).findFirst();
    }
}
