package dev.newsroom.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * The one switch ({@code management.observations.enable."[spring.security]"}, off by default in every
 * service through {@code TracingEnvironment},
 * {@code SECURITY_OBSERVATIONS}) also takes Spring Security's observing decorators away.
 */
class SecurityObservationsOffTest {

    final ApplicationContextRunner context =
            new ApplicationContextRunner().withUserConfiguration(SecurityObservationsOff.class);

    @Test
    void securityObservationsSwitchedOffByPropertyAreNotDecoratedEither() {
        context.withPropertyValues("management.observations.enable[spring.security]=false")
                .run(started -> assertThat(started).hasSingleBean(SecurityObservationSettings.class));
    }

    @Test
    void securityObservationsSwitchedOnKeepSpringSecuritysDefaults() {
        context.withPropertyValues("management.observations.enable[spring.security]=true")
                .run(started -> assertThat(started).doesNotHaveBean(SecurityObservationSettings.class));
    }
}
