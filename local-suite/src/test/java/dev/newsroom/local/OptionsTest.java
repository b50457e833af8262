package dev.newsroom.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void demoContentIsSeededUnlessTurnedOff() {
        assertThat(Options.parse(new String[] {}, name -> null).seedDemo()).isTrue();
        assertThat(Options.parse(new String[] {"--no-seed"}, name -> null).seedDemo())
                .isFalse();
        assertThat(Options.parse(new String[] {"--fresh"}, Map.of("SEED_DEMO", "false")::get)
                        .seedDemo())
                .isFalse();
        assertThat(Options.parse(new String[] {}, Map.of("SEED_DEMO", "true")::get)
                        .seedDemo())
                .isTrue();
    }

    @Test
    void observingIsOffUnlessAsked() {
        assertThat(Options.parse(new String[] {}, name -> null).observe()).isFalse();
        assertThat(Options.parse(new String[] {"--observe"}, name -> null).observe())
                .isTrue();
        assertThat(Options.USAGE).contains("--observe", "ZIPKIN_PORT", "PROMETHEUS_PORT");
    }
}
