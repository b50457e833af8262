package dev.newsroom.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class MicroCachePropertiesTest {

    @Test
    void theCacheIsOffAtZeroAndOnForAFewSeconds() {
        assertThat(new MicroCacheProperties(Duration.ZERO, DataSize.ofMegabytes(1)).enabled())
                .isFalse();
        assertThat(new MicroCacheProperties(Duration.ofSeconds(2), DataSize.ofMegabytes(1)).enabled())
                .isTrue();
    }

    @Test
    void aTtlOfMoreThanTenSecondsOrBelowZeroIsRefusedAtStart() {
        assertThatThrownBy(() -> new MicroCacheProperties(Duration.ofSeconds(11), DataSize.ofMegabytes(1)))
                .hasMessageContaining("between 0s (off) and 10s");
        assertThatThrownBy(() -> new MicroCacheProperties(Duration.ofSeconds(-1), DataSize.ofMegabytes(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
