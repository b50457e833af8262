package dev.newsroom.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

class QueryRulesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/articles",
                "/api/articles?tag=dragons&limit=5",
                "/api/articles?tag=%7B%27%24gt%27%3A%20%27%27%7D",
                "/api/articles?tag=%F0%9F%98%80%D9%85%D8%B1%D8%AD%D8%A8%D8%A7",
                "/api/articles?tag=%00&limit=",
                "/api/articles?tag=a+b&x",
                "/api/articles/caf%C3%A9"
            })
    void wellFormedTargetsPass(String target) {
        assertThat(QueryRules.refusal(exchange(target))).isNull();
    }

    @Test
    void aRepeatedParameterIs422NamingIt() {
        ApiException refused = QueryRules.refusal(exchange("/api/articles?limit=5&tag=x&limit=6"));

        assertThat(refused.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(refused.errors()).isEqualTo(Map.of("limit", List.of("must be given at most once")));
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedRatherThanTurnedIntoReplacementCharacters() {
        ApiException inQuery = QueryRules.refusal(exchange("/api/articles?limit=5&tag=%ff"));
        assertThat(inQuery.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(inQuery.errors()).containsOnlyKeys("tag");

        ApiException overlong = QueryRules.refusal(exchange("/api/articles?tag=%c0%af"));
        assertThat(overlong.errors()).containsOnlyKeys("tag");

        ApiException badName = QueryRules.refusal(exchange("/api/articles?%ff=1"));
        assertThat(badName.errors()).containsOnlyKeys("parameter");

        ApiException inPath = QueryRules.refusal(exchange("/api/articles/%ff%fe"));
        assertThat(inPath.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(inPath.errors()).containsOnlyKeys("path");
    }

    @Test
    void utf8IsJudgedOnTheDecodedBytesNotTheCharacters() {
        assertThat(QueryRules.decodesToUtf8("%E2%82%AC")).isTrue();
        assertThat(QueryRules.decodesToUtf8("%E2%82")).isFalse();
        assertThat(QueryRules.decodesToUtf8("€%E2%82%AC")).isTrue();
        assertThat(QueryRules.decodesToUtf8("%e")).isFalse();
        assertThat(QueryRules.decodesToUtf8("%zz")).isFalse();
    }

    private static MockServerWebExchange exchange(String target) {
        return MockServerWebExchange.from(MockServerHttpRequest.method(HttpMethod.GET, URI.create(target)));
    }
}
