package dev.newsroom.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RequestFieldsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static RequestFields user(String json) {
        return RequestFields.of(JSON.readTree("{\"user\":" + json + "}"), "user");
    }

    @Test
    void aMissingOrNullWrapperIsBlankAndAnotherTypeIsNotAnObject() {
        for (String body : List.of("{}", "{\"user\":null}", "[]", "null")) {
            JsonNode request = JSON.readTree(body);
            assertThatThrownBy(() -> RequestFields.of(request, "user"))
                    .isInstanceOfSatisfying(
                            ApiException.class,
                            error -> assertThat(error.errors()).isEqualTo(Map.of("user", List.of("can't be blank"))));
        }
        assertThatThrownBy(() -> RequestFields.of(null, "user")).isInstanceOf(ApiException.class);
        for (String body : List.of("{\"user\":\"x\"}", "{\"user\":[1]}", "{\"user\":3}")) {
            JsonNode request = JSON.readTree(body);
            assertThatThrownBy(() -> RequestFields.of(request, "user"))
                    .isInstanceOfSatisfying(
                            ApiException.class,
                            error ->
                                    assertThat(error.errors()).isEqualTo(Map.of("user", List.of("must be an object"))));
        }
    }

    @Test
    void aRequiredStringIsBlankWhenAbsentNullEmptyOrWhitespaceAndRefusesOtherTypes() {
        RequestFields fields =
                user("{\"b\":null,\"c\":\"\",\"d\":\"  \",\"e\":5,\"f\":true,\"g\":{},\"h\":[],\"ok\":\"x\"}");
        for (String field : List.of("a", "b", "c", "d", "e", "f", "g", "h")) {
            assertThat(fields.required(field)).as(field).isNull();
        }
        assertThat(fields.required("ok")).isEqualTo("x");
        Map<String, List<String>> problems = fields.problems();
        for (String blank : List.of("a", "b", "c", "d")) {
            assertThat(problems.get(blank)).as(blank).containsExactly("can't be blank");
        }
        for (String wrong : List.of("e", "f", "g", "h")) {
            assertThat(problems.get(wrong)).as(wrong).containsExactly("must be a string");
        }
        assertThat(problems).doesNotContainKey("ok");
        assertThatThrownBy(fields::throwIfInvalid)
                .isInstanceOfSatisfying(
                        ApiException.class,
                        error -> assertThat(error.status().value()).isEqualTo(422));
    }

    @Test
    void anOptionalStringMayBeAbsentButNotBlanked() {
        RequestFields fields = user("{\"b\":null,\"c\":\"\",\"d\":7,\"ok\":\"x\"}");
        assertThat(fields.optional("a")).isNull();
        assertThat(fields.optional("b")).isNull();
        assertThat(fields.optional("c")).isNull();
        assertThat(fields.optional("d")).isNull();
        assertThat(fields.optional("ok")).isEqualTo("x");
        assertThat(fields.problems())
                .isEqualTo(Map.of(
                        "b", List.of("can't be blank"),
                        "c", List.of("can't be blank"),
                        "d", List.of("must be a string")));
    }

    @Test
    void aNullableStringIsUnchangedWhenAbsentAndClearedByNullEmptyOrWhitespace() {
        RequestFields fields = user("{\"b\":null,\"c\":\"\",\"d\":\" \",\"e\":1,\"ok\":\"x\"}");
        assertThat(fields.nullable("a")).isEqualTo(RequestFields.Change.UNCHANGED);
        assertThat(fields.nullable("a").appliedTo("old")).isEqualTo("old");
        for (String cleared : List.of("b", "c", "d")) {
            assertThat(fields.nullable(cleared)).as(cleared).isEqualTo(RequestFields.Change.CLEARED);
            assertThat(fields.nullable(cleared).appliedTo("old")).isNull();
        }
        assertThat(fields.nullable("ok").appliedTo("old")).isEqualTo("x");
        assertThat(fields.nullable("e")).isEqualTo(RequestFields.Change.UNCHANGED);
        assertThat(fields.problems()).isEqualTo(Map.of("e", List.of("must be a string or null")));
    }
}
