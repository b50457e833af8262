package dev.newsroom.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SuiteConsoleTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final AtomicLong clock = new AtomicLong();

    private SuiteConsole console(boolean terminal) {
        return new SuiteConsole(new PrintStream(bytes, true, StandardCharsets.UTF_8), terminal, 80, clock::get);
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withoutATerminalTheProgressIsAPlainLineNowAndThenWithoutControlCharacters() {
        SuiteConsole console = console(false);

        console.progress("Starting: 0 of 8 ready after 0 s");
        clock.addAndGet(SuiteConsole.PLAIN_PROGRESS_EVERY_NANOS);
        console.progress("Starting: 1 of 8 ready after 10 s; waiting for kafka and 6 more");
        clock.addAndGet(SuiteConsole.PLAIN_PROGRESS_EVERY_NANOS / 2);
        console.progress("Starting: 2 of 8 ready after 15 s; waiting for gateway and 5 more");
        console.println("  ready  gateway");
        console.endProgress();

        assertThat(output())
                .isEqualTo("Starting: 1 of 8 ready after 10 s; waiting for kafka and 6 more\n  ready  gateway\n")
                .doesNotContain("\r", "\033");
    }

    @Test
    void onATerminalTheProgressLineIsRewrittenInPlaceAndOtherLinesArePrintedAboveIt() {
        SuiteConsole console = console(true);

        console.progress("Starting: 1 of 8 ready after 3 s");
        console.println("  ready  mongo");
        console.progress("Starting: 2 of 8 ready after 4 s");
        console.endProgress();
        console.println("done");

        assertThat(output())
                .isEqualTo("\r\033[KStarting: 1 of 8 ready after 3 s"
                        + "\r\033[K  ready  mongo\nStarting: 1 of 8 ready after 3 s"
                        + "\r\033[KStarting: 2 of 8 ready after 4 s"
                        + "\r\033[K"
                        + "done\n");
    }

    @Test
    void aProgressLineWiderThanTheTerminalIsShortened() {
        console(true).progress("x".repeat(200));

        assertThat(output()).hasSize("\r\033[K".length() + 79);
    }
}
