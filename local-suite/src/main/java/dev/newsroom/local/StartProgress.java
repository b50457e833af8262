package dev.newsroom.local;

import java.time.Duration;
import java.util.List;

/** The one line that tells, while the suite starts, how far it got and what it still waits for. */
final class StartProgress {

    /**
     * One process as the progress line sees it.
     *
     * @param name its name
     * @param ready whether it is ready
     * @param startingFor how long it has been starting (or took, once ready)
     */
    record Entry(String name, boolean ready, Duration startingFor) {}

    private StartProgress() {}

    /**
     * For example {@code Starting: 5 of 8 ready after 12 s; waiting for comment-service and 2 more}.
     * The process named is the one still starting that has been starting the longest.
     */
    static String describe(List<Entry> entries, Duration elapsed) {
        List<Entry> waiting = entries.stream().filter(entry -> !entry.ready()).toList();
        String line = String.format(
                "Starting: %d of %d ready after %d s",
                entries.size() - waiting.size(), entries.size(), elapsed.toSeconds());
        if (waiting.isEmpty()) {
            return line;
        }
        Entry slowest = waiting.get(0);
        for (Entry entry : waiting) {
            if (entry.startingFor().compareTo(slowest.startingFor()) > 0) {
                slowest = entry;
            }
        }
        return line + "; waiting for " + slowest.name()
                + (waiting.size() > 1 ? " and " + (waiting.size() - 1) + " more" : "");
    }
}
