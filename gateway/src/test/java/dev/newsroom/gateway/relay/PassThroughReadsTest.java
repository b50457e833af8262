package dev.newsroom.gateway.relay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PassThroughReadsTest {

    @ParameterizedTest
    @CsvSource({
        "/api/articles, article",
        "/api/articles/breaking-news, article",
        "/api/tags, article",
        "/api/articles/breaking-news/comments, comment",
        "/api/profiles/ada, user",
        "/api/trending, trending",
        "/api/alerts, article"
    })
    void theReadsAServiceAnswersWholeAreRelayedToIt(String path, String owner) {
        assertThat(PassThroughReads.ownerOf(path)).isEqualTo(owner);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                // The gateway's own compositions.
                "/api/articles/feed",
                "/api/pages/articles/breaking-news",
                // Streams stay open; questions are the assistant's; the rest is another service's or none.
                "/api/articles/breaking-news/comments/stream",
                "/api/trending/stream",
                "/api/alerts/stream",
                "/api/alerts/breaking-news",
                "/api/articles/breaking-news/ask",
                "/api/articles/breaking-news/favorite",
                "/api/articles/breaking-news/comments/7",
                "/api/user",
                "/api/users/login",
                "/api/profiles/ada/follow",
                "/api/moderation/comments",
                // Not quite a read's path: left to the routes, which answer them as before.
                "/api/articles/",
                "/api/articles//comments",
                "/api/profiles",
                "/api/tags/news",
                "/api",
                "/articles/breaking-news",
                "/actuator/health",
                "/"
            })
    void everythingElseGoesOnToTheRoutes(String path) {
        assertThat(PassThroughReads.ownerOf(path)).isNull();
    }
}
