package dev.newsroom.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void readsTheAnswersOfTheApi() {
        Object parsed = Json.parse(
                "{\"articles\":[{\"slug\":\"a-b\",\"title\":\"Say \\\"hi\\\"\\n\\u00e9\",\"favorited\":false,"
                        + "\"count\":-1.5e1,\"bio\":null}],\"articlesCount\":1}");

        assertThat(Json.at(parsed, "articles", 0, "slug")).isEqualTo("a-b");
        assertThat(Json.at(parsed, "articles", 0, "title")).isEqualTo("Say \"hi\"\né");
        assertThat(Json.at(parsed, "articles", 0, "favorited")).isEqualTo(false);
        assertThat(Json.at(parsed, "articles", 0, "count")).isEqualTo(-15.0);
        assertThat(Json.at(parsed, "articles", 0, "bio")).isNull();
        assertThat(Json.at(parsed, "articlesCount")).isEqualTo(1.0);
        assertThat(Json.at(parsed, "articles", 3, "slug")).isNull();
        assertThat(Json.at(parsed, "missing", "deeper")).isNull();
    }

    @Test
    void whatItWritesItReadsBack() {
        Map<String, Object> value = Map.of("comment", Map.of("body", "tab\there \"quoted\"", "tags", List.of("a")));

        assertThat(Json.parse(Json.object(value))).isEqualTo(value);
    }

    @Test
    void rejectsWhatIsNotJson() {
        assertThatThrownBy(() -> Json.parse("<html>")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.parse("{\"a\":1} x")).isInstanceOf(IllegalArgumentException.class);
    }
}
