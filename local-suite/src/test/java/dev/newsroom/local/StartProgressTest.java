package dev.newsroom.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartProgressTest {

    @Test
    void countsTheReadyProcessesAndNamesTheOneStartingTheLongest() {
        String line = StartProgress.describe(
                List.of(
                        new StartProgress.Entry("kafka", true, Duration.ofSeconds(4)),
                        new StartProgress.Entry("user-service", false, Duration.ofSeconds(12)),
                        new StartProgress.Entry("gateway", false, Duration.ofSeconds(14)),
                        new StartProgress.Entry("comment-service", false, Duration.ofSeconds(13))),
                Duration.ofMillis(14_900));

        assertThat(line).isEqualTo("Starting: 1 of 4 ready after 14 s; waiting for gateway and 2 more");
    }

    @Test
    void namesTheLastOneAloneAndNothingOnceAllAreReady() {
        assertThat(StartProgress.describe(
                        List.of(
                                new StartProgress.Entry("kafka", true, Duration.ofSeconds(4)),
                                new StartProgress.Entry("gateway", false, Duration.ofSeconds(20))),
                        Duration.ofSeconds(20)))
                .isEqualTo("Starting: 1 of 2 ready after 20 s; waiting for gateway");
        assertThat(StartProgress.describe(
                        List.of(new StartProgress.Entry("kafka", true, Duration.ofSeconds(4))), Duration.ofSeconds(5)))
                .isEqualTo("Starting: 1 of 1 ready after 5 s");
    }
}
