package dev.newsroom.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.server.RequestPath;

class ArticlePagesTest {

    @ParameterizedTest
    @CsvSource({
        "/api/pages/articles/breaking-news, breaking-news",
        // Decoded as a path variable is: the page's calls encode it again, once.
        "/api/pages/articles/caf%C3%A9-opens, café-opens",
        "/api/pages/articles/a%20b, a b",
        "/api/pages/articles/a+b, a+b"
    })
    void thePageOfAStoryIsAnsweredForItsSlug(String path, String slug) {
        assertThat(ArticlePages.slugOf(RequestPath.parse(URI.create(path), ""))).isEqualTo(slug);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/pages/articles/",
                "/api/pages/articles/a-story/",
                "/api/pages/articles/a-story/comments",
                "/api/pages/articles",
                "/api/pages/profiles/ada",
                "/api/articles/a-story",
                "/pages/articles/a-story"
            })
    void anyOtherPathIsLeftToTheHandlers(String path) {
        assertThat(ArticlePages.slugOf(RequestPath.parse(URI.create(path), ""))).isNull();
    }
}
