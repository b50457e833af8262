package dev.newsroom.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class NeedsTokenTest {

    @ParameterizedTest(name = "{0} {1}: token needed {2}")
    @CsvSource({
        "GET, /api/articles/feed, true",
        "GET, /api/user, true",
        "PUT, /api/user, true",
        "PUT, /api/articles/a-story, true",
        "PUT, /api/articles/a-story/comments/c1, true",
        "POST, /api/articles, true",
        "POST, /api/articles/a-story/favorite, true",
        "POST, /api/articles/a-story/comments, true",
        "DELETE, /api/articles/a-story, true",
        "DELETE, /api/articles/a-story/favorite, true",
        "DELETE, /api/articles/a-story/comments/c1, true",
        "POST, /api/profiles/ada/follow, true",
        "DELETE, /api/profiles/ada/follow, true",
        "GET, /api/moderation/comments, true",
        "POST, /api/moderation/comments/c1/approve, true",
        "GET, /api/tags, false",
        "GET, /api/articles, false",
        "GET, /api/articles/a-story, false",
        "GET, /api/articles/a-story/comments, false",
        "GET, /api/profiles/ada, false",
        "POST, /api/users, false",
        "POST, /api/users/login, false",
        "POST, /api/articles/a-story/ask, false",
        "GET, /api/trending, false",
        "DELETE, /api/alerts/a-story, true",
        "GET, /api/alerts, false",
        "GET, /api/alerts/stream, false",
        "GET, /api/articles/feed/extra, false",
        "PUT, /api/articles/a-story/comments, false",
    })
    void knowsWhichRequestsNeedAToken(String method, String path, boolean needed) {
        var request =
                MockServerHttpRequest.method(HttpMethod.valueOf(method), path).build();
        assertThat(GatewayAccessRules.NeedsToken.test(request)).isEqualTo(needed);
    }
}
