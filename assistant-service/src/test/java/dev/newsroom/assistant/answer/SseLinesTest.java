package dev.newsroom.assistant.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseLinesTest {

    @Test
    void linesAreWholeWhateverTheChunkBoundaries() {
        byte[] stream = "data: {\"a\":\"é😀\"}\r\n\ndata: [DONE]\n\ntrailing".getBytes(StandardCharsets.UTF_8);
        for (int size = 1; size <= stream.length; size++) {
            SseLines lines = new SseLines();
            List<String> seen = new ArrayList<>();
            for (int from = 0; from < stream.length; from += size) {
                seen.addAll(lines.feed(Arrays.copyOfRange(stream, from, Math.min(stream.length, from + size))));
            }
            seen.addAll(lines.rest());

            assertThat(seen)
                    .as("chunks of %d bytes", size)
                    .containsExactly("data: {\"a\":\"é😀\"}", "", "data: [DONE]", "", "trailing");
        }
    }

    @Test
    void onlyDataLinesCarryAPayload() {
        assertThat(SseLines.data("data: {\"x\":1}")).isEqualTo("{\"x\":1}");
        assertThat(SseLines.data("data:[DONE]")).isEqualTo("[DONE]");
        assertThat(SseLines.data("event: message")).isNull();
        assertThat(SseLines.data(": keep-alive")).isNull();
        assertThat(SseLines.data("")).isNull();
    }
}
