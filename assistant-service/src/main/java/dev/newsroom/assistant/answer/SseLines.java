package dev.newsroom.assistant.answer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a byte stream into lines as network chunks arrive, whatever the chunk boundaries. Splitting
 * on the byte {@code \n} is safe for UTF-8: that byte never occurs inside a multi-byte character.
 * One instance per response; not thread-safe (a Flux delivers chunks one at a time).
 */
final class SseLines {

    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    /** The lines this chunk completes, without their line ends. */
    List<String> feed(byte[] chunk) {
        List<String> lines = new ArrayList<>();
        for (byte b : chunk) {
            if (b == '\n') {
                lines.add(takeLine());
            } else {
                pending.write(b);
            }
        }
        return lines;
    }

    /** What is left after the last line end, as a final line; empty when nothing is. */
    List<String> rest() {
        return pending.size() == 0 ? List.of() : List.of(takeLine());
    }

    private String takeLine() {
        String line = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    /** The payload of an SSE {@code data:} line, or null for any other line. */
    static String data(String line) {
        if (!line.startsWith("data:")) {
            return null;
        }
        return line.substring(5).strip();
    }
}
