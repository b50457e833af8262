package dev.newsroom.gateway.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsroom.platform.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The spliced page is byte for byte the page the gateway used to write by parsing the parts into
 * trees and writing a new tree, which these tests keep as the reference.
 */
class PageJsonTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final PageJson PAGES = new PageJson(JSON);

    /**
     * Answers as the services write them (Jackson, compactly), with text that a splice could trip
     * over: characters of every UTF-8 length, quotes, backslashes, brackets and control characters.
     */
    static final String TEXT = "Ünïcödé — 新闻 😀 \"}{[\\ a } and a ] \n\t\u0001 é";

    static final String STORY = JSON.writeValueAsString(Map.of(
            "article",
            Map.of(
                    "slug",
                    "s",
                    "title",
                    TEXT,
                    "tagList",
                    List.of("x", "y"),
                    "favoritesCount",
                    3,
                    "score",
                    1.5,
                    "author",
                    Map.of("username", "ada", "following", false))));
    static final String COMMENTS =
            JSON.writeValueAsString(Map.of("comments", List.of(Map.of("id", 1, "body", TEXT, "replies", List.of()))));
    static final String POPULAR = JSON.writeValueAsString(
            Map.of("ranking", "popular", "articles", List.of(Map.of("slug", "s", "score", 1.5))));

    @Test
    void aPageOfCompactAnswersIsTheArticleValueAndTheWholeAnswersSpliced() {
        String page = page(STORY, COMMENTS, POPULAR);

        assertThat(page)
                .isEqualTo("{\"article\":" + STORY.substring("{\"article\":".length(), STORY.length() - 1)
                        + ",\"comments\":" + COMMENTS + ",\"popular\":" + POPULAR + ",\"missing\":[]}");
        assertThat(page).isEqualTo(reference(STORY, COMMENTS, POPULAR));
    }

    @Test
    void theSplicedArticleIsTheAnswersOwnBytesUntouched() {
        byte[] answer = STORY.getBytes(StandardCharsets.UTF_8);

        PageJson.Part article = PAGES.article(answer);

        assertThat(article.bytes()).isSameAs(answer);
        assertThat(article.offset()).isEqualTo("{\"article\":".length());
        assertThat(new String(answer, article.offset(), article.length(), StandardCharsets.UTF_8))
                .isEqualTo(STORY.substring("{\"article\":".length(), STORY.length() - 1))
                .contains("新闻 😀");
    }

    @Test
    void missingPartsAreNullAndNamedInOrder() {
        String page = string(PAGES.page(PAGES.article(bytes(STORY)), null, null, List.of("comments", "popular")));

        assertThat(page).endsWith(",\"comments\":null,\"popular\":null,\"missing\":[\"comments\",\"popular\"]}");
        assertThat(page).isEqualTo(reference(STORY, null, null));
        assertThat(string(PAGES.page(
                        PAGES.article(bytes(STORY)), PAGES.whole(bytes(COMMENTS)), null, List.of("popular"))))
                .isEqualTo(reference(STORY, COMMENTS, null));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{ \"article\" : {\"slug\":\"s\",\"n\":1} }",
                "\n{\"article\":{\"slug\":\"s\",\"n\":1}}",
                "{\"article\":{\"slug\":\"s\",\"n\":1},\"more\":{\"n\":2}}",
                "{\"article\":{\"slug\":\"s\",\"n\":1},\"more\":[]}",
                "{\"article\":null}",
                "{\"article\":\"s\"}",
                "{\"story\":{\"slug\":\"s\"}}",
                "{\"article\":{\"slug\":\"s\",\"n\":1}}  \r\n"
            })
    void anArticleAnswerOfAnotherFormGivesThePageJacksonWouldHaveWritten(String answer) {
        assertThat(page(answer, COMMENTS, POPULAR)).isEqualTo(reference(answer, COMMENTS, POPULAR));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                " {\"comments\":[]}",
                "{\"comments\":[]}\n",
                "{\n  \"comments\" : [ ]\n}\n",
                "[1,2]",
                "\"text\"",
                "42"
            })
    void aPartOfAnotherFormGivesThePageJacksonWouldHaveWritten(String comments) {
        assertThat(page(STORY, comments, POPULAR)).isEqualTo(reference(STORY, comments, POPULAR));
    }

    @Test
    void aCompactAnswerNotWrittenByJacksonIsKeptAsItCameAndMeansTheSame() {
        String article = "{\"article\":{\"slug\":\"s\\u00e9}\",\"n\":1.50}}";
        String comments = "{\"comments\":[{\"body\":\"\\u00e9\"}]}";

        String page = page(article, comments, POPULAR);

        assertThat(page)
                .isEqualTo("{\"article\":{\"slug\":\"s\\u00e9}\",\"n\":1.50},\"comments\":" + comments + ",\"popular\":"
                        + POPULAR + ",\"missing\":[]}");
        assertThat(JSON.readTree(page)).isEqualTo(JSON.readTree(reference(article, comments, POPULAR)));
    }

    @Test
    void anUnreadableArticleAnswerIsTheServiceFailing() {
        assertThatThrownBy(() -> PAGES.article(bytes("{\"article\":{\"slug\":")))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        failure -> assertThat(failure.status().value()).isEqualTo(503));
    }

    @Test
    void anUnreadablePartIsRefusedRatherThanSpliced() {
        assertThatThrownBy(() -> PAGES.whole(bytes("{\"comments\":["))).isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> PAGES.whole(bytes("  "))).isInstanceOf(RuntimeException.class);
    }

    @Test
    void theEndOfAContainerIgnoresBracketsAndEscapedQuotesInStrings() {
        byte[] value = bytes("{\"a\":\"}\\\"}\",\"b\":[\"]\"]}tail");

        assertThat(JsonBytes.endOfContainer(value, 0)).isEqualTo(value.length - 4);
        assertThat(JsonBytes.endOfContainer(bytes("{\"a\":[1}"), 0)).isEqualTo(-1);
        assertThat(JsonBytes.endOfContainer(bytes("\"a\""), 0)).isEqualTo(-1);
    }

    /** The page as the gateway wrote it before: each part parsed, the page written as a new tree. */
    static String reference(String article, String comments, String popular) {
        ObjectNode page = JSON.createObjectNode();
        page.set("article", JSON.readTree(article).path("article"));
        page.set("comments", comments == null ? null : JSON.readTree(comments));
        page.set("popular", popular == null ? null : JSON.readTree(popular));
        List<String> missing = new ArrayList<>();
        if (comments == null) {
            missing.add("comments");
        }
        if (popular == null) {
            missing.add("popular");
        }
        page.set("missing", JSON.valueToTree(missing));
        return JSON.writeValueAsString(page);
    }

    private static String page(String article, String comments, String popular) {
        return string(PAGES.page(
                PAGES.article(bytes(article)), PAGES.whole(bytes(comments)), PAGES.whole(bytes(popular)), List.of()));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
