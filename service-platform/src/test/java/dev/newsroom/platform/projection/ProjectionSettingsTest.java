package dev.newsroom.platform.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The lookup settings under a service's own key, and the fields a service may write. */
class ProjectionSettingsTest {

    /** As a service nests the lookup in its own properties record. */
    record ServiceProperties(@DefaultValue ProjectionLookup articleLookup) {}

    @Test
    void theLookupBindsFromTheServicesOwnKeysAndDefaultsToTwoSecondsEveryHundredMilliseconds() {
        ProjectionLookup defaults = bind(Map.of()).articleLookup();
        ProjectionLookup set = bind(Map.of(
                        "newsroom.test.article-lookup.max-wait", "3s",
                        "newsroom.test.article-lookup.interval", "250ms"))
                .articleLookup();

        assertThat(defaults).isEqualTo(new ProjectionLookup(Duration.ofSeconds(2), Duration.ofMillis(100)));
        assertThat(defaults.retries()).isEqualTo(20);
        assertThat(set).isEqualTo(new ProjectionLookup(Duration.ofSeconds(3), Duration.ofMillis(250)));
        assertThat(set.retries()).isEqualTo(12);
    }

    @Test
    void aZeroIntervalMeansNoWaiting() {
        assertThat(new ProjectionLookup(Duration.ofSeconds(2), Duration.ZERO).retries())
                .isZero();
    }

    @Test
    void aServiceCannotWriteTheProjectionsOwnBookkeeping() {
        for (String reserved : new String[] {"_id", "id", "deleted", "changedAt", "lastEventId", ""}) {
            assertThatThrownBy(() -> ProjectedFields.none().set(reserved, "x"))
                    .as(reserved)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ProjectedFields.none().forget(reserved))
                    .as(reserved)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aFieldSetAfterBeingForgottenIsSetAndTheOtherWayRound() {
        ProjectedFields fields =
                ProjectedFields.none().forget("a").set("a", null).set("b", 1).forget("b");

        assertThat(fields.values()).containsOnlyKeys("a").containsEntry("a", null);
        assertThat(fields.forgotten()).containsExactly("b");
    }

    private static ServiceProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("newsroom.test", ServiceProperties.class);
    }
}
