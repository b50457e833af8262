package dev.newsroom.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;
import java.util.HashMap;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;

class ProbeRequestsTest {

    private final ObservationPredicate predicate = ProbeRequests.unobserved();

    @Test
    void probesAndScrapesAreNotObservedAndReadersRequestsAre() {
        assertThat(observed("/actuator/prometheus")).isFalse();
        assertThat(observed("/actuator/health/readiness")).isFalse();
        assertThat(observed("/readyz")).isFalse();
        assertThat(observed("/livez")).isFalse();

        assertThat(observed("/api/articles/readyz")).isTrue();
        assertThat(observed("/api/articles")).isTrue();
        assertThat(predicate.test("spring.kafka.listener", new Observation.Context()))
                .as("other observations are left alone")
                .isTrue();
    }

    private boolean observed(String path) {
        return predicate.test(
                "http.server.requests",
                new ServerRequestObservationContext(
                        MockServerHttpRequest.get(path).build(), new MockServerHttpResponse(), new HashMap<>()));
    }
}
