package dev.newsroom.gateway.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/** How the drift test decides that a route's or controller's pattern is documented. */
class ApiDocsPathMatchingTest {

    private final DocumentedApi api = new DocumentedApi(Map.of(
            "/api/articles", Set.of("GET", "POST"),
            "/api/articles/feed", Set.of("GET"),
            "/api/articles/{slug}", Set.of("GET", "PUT"),
            "/api/articles/{slug}/comments", Set.of("GET", "POST"),
            "/api/articles/{slug}/comments/{id}", Set.of("DELETE")));

    @Test
    void aStarSegmentStandsForAParameterOrALiteral() {
        assertThat(api.covers("/api/articles/*/comments", HttpMethod.POST)).isTrue();
        assertThat(api.covers("/api/articles/*", HttpMethod.GET)).isTrue();
        assertThat(api.covers("/api/*/feed", null)).isTrue();
        assertThat(api.covers("/api/articles/*/ask", null)).isFalse();
    }

    @Test
    void aVariableSegmentNeedsADocumentedParameter() {
        assertThat(api.covers("/api/articles/{slug}", HttpMethod.PUT)).isTrue();
        assertThat(api.covers("/api/articles/{slug}", HttpMethod.DELETE)).isFalse();
        assertThat(DocumentedApi.matches("/api/articles/{slug}", "/api/articles/feed"))
                .isFalse();
    }

    @Test
    void aTrailingDoubleStarNeedsSomeDocumentedPathBelowItsPrefix() {
        assertThat(api.covers("/api/articles/**", null)).isTrue();
        assertThat(api.covers("/api/articles/*/comments/**", null)).isTrue();
        assertThat(api.covers("/api/trending/**", null)).isFalse();
        assertThat(DocumentedApi.matches("/api/articles/**", "/api/articles")).isFalse();
        assertThat(DocumentedApi.matches("/api/articles/{*rest}", "/api/articles/feed"))
                .isTrue();
    }

    @Test
    void literalsAndLengthsMustAgree() {
        assertThat(api.covers("/api/tags", null)).isFalse();
        assertThat(api.covers("/api/articles/*/comments/*/replies", null)).isFalse();
        assertThat(DocumentedApi.matches("/api/articles/*.json", "/api/articles/feed.json"))
                .isTrue();
    }

    @Test
    void aMissingMethodIsNotCoveredByAnotherOnTheSamePath() {
        assertThat(api.covers("/api/articles/*/comments/*", HttpMethod.PUT)).isFalse();
        assertThat(api.covers("/api/articles/*/comments/*", HttpMethod.DELETE)).isTrue();
    }
}
