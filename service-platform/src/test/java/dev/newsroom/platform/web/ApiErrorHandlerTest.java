package dev.newsroom.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

class ApiErrorHandlerTest {

    @Test
    void aMediaTypeAHandlerCannotParseIs400NamingTheHeaderNotA500() {
        MockServerWebExchange exchange = MockServerWebExchange.from(
                MockServerHttpRequest.post("/api/articles/a-story/ask").header("Accept", "garbage"));
        InvalidMediaTypeException garbage = catchParse("garbage");

        ApiException error = ApiErrorHandler.translate(garbage, exchange);

        assertThat(error.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(error.errors()).isEqualTo(Map.of("header", List.of("has a media type that is not valid")));
    }

    private static InvalidMediaTypeException catchParse(String value) {
        try {
            MediaType.parseMediaTypes(value);
        } catch (InvalidMediaTypeException expected) {
            return expected;
        }
        throw new AssertionError(value + " parsed");
    }
}
