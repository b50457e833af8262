package dev.newsroom.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoContentTest {

    private final DemoContent demo = DemoContent.standard();

    private Set<String> usernames() {
        return demo.users().stream().map(DemoContent.User::username).collect(Collectors.toSet());
    }

    private Set<String> articleKeys() {
        return demo.articles().stream().map(DemoContent.Article::key).collect(Collectors.toSet());
    }

    @Test
    void hasAModeratorAndAFewReadersAndArticles() {
        assertThat(usernames()).contains(DemoContent.MODERATOR).hasSizeBetween(3, 4);
        assertThat(demo.articles()).hasSizeBetween(5, 6);
        assertThat(demo.articles())
                .filteredOn(article -> article.labels().contains("Breaking news"))
                .hasSize(1);
        assertThat(demo.articles()).anyMatch(article -> article.sourceName() != null && article.sourceUrl() != null);
        assertThat(demo.articles()).allMatch(article -> !article.tags().isEmpty());
    }

    @Test
    void everyReferenceNamesAUserOrArticleOfThePlan() {
        assertThat(demo.articles()).allMatch(article -> usernames().contains(article.author()));
        assertThat(demo.follows())
                .allMatch(follow -> usernames().contains(follow.follower())
                        && usernames().contains(follow.followed())
                        && !follow.follower().equals(follow.followed()));
        assertThat(demo.favourites())
                .allMatch(favourite ->
                        usernames().contains(favourite.user()) && articleKeys().contains(favourite.article()));
        assertThat(demo.views()).allMatch(view -> articleKeys().contains(view.article()));
        assertThat(new HashSet<>(demo.favourites())).as("no favourite twice").hasSameSizeAs(demo.favourites());
    }

    @Test
    void repliesAnswerAnEarlierCommentOnTheSameArticleWithinTheThreadDepth() {
        Map<String, DemoContent.Comment> seen = new java.util.HashMap<>();
        for (DemoContent.Comment comment : demo.comments()) {
            assertThat(usernames()).contains(comment.author());
            assertThat(articleKeys()).contains(comment.article());
            if (comment.replyTo() != null) {
                DemoContent.Comment parent = seen.get(comment.replyTo());
                assertThat(parent)
                        .as("%s answers an earlier comment", comment.key())
                        .isNotNull();
                assertThat(parent.article()).isEqualTo(comment.article());
                assertThat(depth(comment, seen)).isLessThanOrEqualTo(3);
            }
            assertThat(seen.put(comment.key(), comment)).as("unique key").isNull();
        }
        assertThat(demo.comments()).anyMatch(comment -> comment.replyTo() != null);
    }

    @Test
    void anArticleRequestCarriesTagsLabelsAndSourceAsJson() {
        DemoContent.Article breaking = demo.articles().stream()
                .filter(article -> article.labels().contains("Breaking news"))
                .findFirst()
                .orElseThrow();

        String json = breaking.json(null);

        assertThat(json)
                .startsWith("{\"article\":{\"title\":")
                .contains("\"labels\":[{\"name\":\"Breaking news\"}]")
                .contains("\"tagList\":[\"transport\",\"city\"]")
                .contains("\"source\":{\"name\":")
                .contains("\\n");
    }

    @Test
    void jsonStringsEscapeQuotesAndControlCharacters() {
        assertThat(Json.string("a \"quote\"\\ and\ttab\u0001")).isEqualTo("\"a \\\"quote\\\"\\\\ and\\ttab\\u0001\"");
        assertThat(Json.value(List.of(1, true, Map.of("k", "v")))).isEqualTo("[1,true,{\"k\":\"v\"}]");
    }

    private static int depth(DemoContent.Comment comment, Map<String, DemoContent.Comment> seen) {
        int depth = 0;
        for (DemoContent.Comment at = comment; at.replyTo() != null; at = seen.get(at.replyTo())) {
            depth++;
        }
        return depth;
    }
}
