package dev.newsroom.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteNamesTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "/api/articles, articles",
        "/api/articles/feed, feed",
        "/api/articles/how-to-train-your-dragon, article",
        "/api/articles/a-story/comments, comments",
        "/api/articles/a-story/comments/stream, comment-stream",
        "/api/articles/a-story/comments/42, comment",
        "/api/articles/a-story/favorite, favorite",
        "/api/articles/a-story/ask, ask",
        "/api/articles/a-story/unknown, other",
        "/api/pages/articles/a-story, page",
        "/api/profiles/jake, profile",
        "/api/profiles/jake/follow, follow",
        "/api/tags, tags",
        "/api/user, user",
        "/api/users, users",
        "/api/users/login, users",
        "/api/trending, trending",
        "/api/trending/stream, trending-stream",
        "/api/alerts, alerts",
        "/api/alerts/stream, alert-stream",
        "/api/alerts/a-story, alert",
        "/api/moderation/comments, moderation",
        "/api/docs/openapi.yml, docs",
        "/api/articles/, other",
        "/api/internal/users, other",
        "/api/, other",
        "/, web",
        "/assets/app.js, web"
    })
    void namesEveryPathWithOneOfAFewRoutesNeverWithWhatThePathHolds(String path, String route) {
        assertThat(RouteNames.of(path)).isEqualTo(route);
    }
}
