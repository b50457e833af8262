package dev.newsroom.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The record of what the demo seeding wrote, kept in the data folder beside the data it describes
 * (so {@code --fresh} forgets both): one line per event, appended and flushed before the next
 * request, so a launcher stopped at any moment leaves a journal that tells the next start exactly
 * which write may have been in flight. Lines: {@code begun <key>}, {@code done <key> [result]},
 * {@code complete}.
 */
final class SeedJournal {

    static final String FILE_NAME = "demo-content.journal";

    enum Event {
        BEGUN,
        DONE,
        COMPLETE
    }

    /** One line: what happened to which step, with the step's result (a slug, an id) if any. */
    record Entry(Event event, String key, String result) {

        static Entry parse(String line) {
            String[] parts = line.trim().split(" ", 3);
            return switch (parts[0]) {
                case "begun" -> new Entry(Event.BEGUN, parts[1], null);
                case "done" -> new Entry(Event.DONE, parts[1], parts.length > 2 ? parts[2] : null);
                case "complete" -> new Entry(Event.COMPLETE, null, null);
                default -> throw new IllegalArgumentException("not a journal line: " + line);
            };
        }

        String line() {
            return switch (event) {
                case BEGUN -> "begun " + key;
                case DONE -> "done " + key + (result == null ? "" : " " + result);
                case COMPLETE -> "complete";
            };
        }
    }

    private final Path file;

    SeedJournal(Path dataDir) {
        this.file = dataDir.resolve(FILE_NAME);
    }

    /** An empty journal: demo content is to be written into this data, however the start ends. */
    void create() {
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                Files.createFile(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean exists() {
        return Files.exists(file);
    }

    /** The entries so far; a last line cut short by a crash is ignored. */
    List<Entry> read() {
        if (!exists()) {
            return List.of();
        }
        try {
            List<Entry> entries = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    entries.add(Entry.parse(line));
                } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
                    // Half a line: the write it named was only begun.
                }
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void begun(String key) {
        append(new Entry(Event.BEGUN, key, null));
    }

    void done(String key, String result) {
        append(new Entry(Event.DONE, key, result));
    }

    void complete() {
        append(new Entry(Event.COMPLETE, null, null));
    }

    private synchronized void append(Entry entry) {
        try {
            Files.writeString(
                    file,
                    entry.line() + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
