package dev.newsroom.platform.authors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.platform.projection.ProjectionAutoConfiguration;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import tools.jackson.databind.json.JsonMapper;

/** A service gets the users projection by declaring its binding, and only then. */
class AuthorsAutoConfigurationTest {

    static final String BOUND = "spring.cloud.stream.bindings.userEvents-in-0.destination=newsroom.users.v1";

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ProjectionAutoConfiguration.class, AuthorsAutoConfiguration.class))
            .withBean(
                    ReactiveMongoTemplate.class, () -> Mockito.mock(ReactiveMongoTemplate.class, Mockito.RETURNS_MOCKS))
            .withBean(JsonMapper.class, () -> JsonMapper.builder().build());

    @Test
    void aServiceThatBindsUserEventsGetsTheListenerAndTheProfiles() {
        context.withPropertyValues(BOUND).run(started -> {
            assertThat(started).hasSingleBean(AuthorProfiles.class);
            assertThat(started.getBean(AuthorsAutoConfiguration.BINDING)).isInstanceOf(Consumer.class);
        });
    }

    @Test
    void theProfilesAreRememberedForHalfASecondByDefaultAndTheSettingsAreBoundFromNewsroomAuthors() {
        context.withPropertyValues(BOUND).run(started -> {
            assertThat(started.getBean(AuthorsProperties.class).cacheTtl()).isEqualTo(Duration.ofMillis(500));
            assertThat(started.getBean(AuthorsProperties.class).cacheSize()).isEqualTo(10_000);
        });
        context.withPropertyValues(BOUND, "newsroom.authors.cache-ttl=0", "newsroom.authors.cache-size=5")
                .run(started -> {
                    assertThat(started.getBean(AuthorsProperties.class).cacheTtl())
                            .isZero();
                    assertThat(started.getBean(AuthorsProperties.class).cacheSize())
                            .isEqualTo(5);
                    assertThat(started).hasSingleBean(AuthorProfiles.class);
                });
    }

    @Test
    void aNegativeCacheTtlOrAnEmptyCacheStopsTheServiceFromStarting() {
        context.withPropertyValues(BOUND, "newsroom.authors.cache-ttl=-1s")
                .run(started -> assertThat(started).hasFailed());
        context.withPropertyValues(BOUND, "newsroom.authors.cache-size=0")
                .run(started -> assertThat(started).hasFailed());
    }

    @Test
    void aServiceWithoutTheBindingGetsNothing() {
        context.run(started -> {
            assertThat(started).doesNotHaveBean(AuthorProfiles.class);
            assertThat(started).doesNotHaveBean(AuthorsAutoConfiguration.BINDING);
        });
    }
}
