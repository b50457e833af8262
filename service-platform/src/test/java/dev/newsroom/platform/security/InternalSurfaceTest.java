package dev.newsroom.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

/** Which requests need a service token: the internal paths, and management operations that change state. */
class InternalSurfaceTest {

    @ParameterizedTest
    @CsvSource({
        "GET, /internal/users/u1/following, true",
        "POST, /internal/articles/search, true",
        "POST, /internal/comments/counts, true",
        "POST, /actuator/deadletters/newsroom.articles.v1.comment-service.dlq, true",
        "DELETE, /actuator/anything, true",
        "GET, /actuator/deadletters, false",
        "GET, /actuator/health, false",
        "GET, /api/articles, false",
        "POST, /api/articles, false",
        "POST, /api/trending/rebuild, false",
        "GET, /internalish, false",
    })
    void needsAServiceToken(String method, String path, boolean needs) {
        MockServerHttpRequest request =
                MockServerHttpRequest.method(HttpMethod.valueOf(method), path).build();

        assertThat(new InternalSurface(true).test(request)).isEqualTo(needs);
    }

    @ParameterizedTest
    @CsvSource({"GET, /internal/users/u1/following, false", "POST, /actuator/deadletters/x, true"})
    void whereNothingServesInternalOnlyManagementOperationsNeedOne(String method, String path, boolean needs) {
        MockServerHttpRequest request =
                MockServerHttpRequest.method(HttpMethod.valueOf(method), path).build();

        assertThat(new InternalSurface(false).test(request)).isEqualTo(needs);
    }
}
