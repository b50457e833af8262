package dev.newsroom.comment.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * The one switch in application.yml ({@code management.observations.enable."[spring.security]"},
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
