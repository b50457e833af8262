package dev.newsroom.comment.comment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommentRulesTest {

    @Test
    void aBlankBodyIsRefused() {
        assertThat(CommentRules.problemWithBody(null, 10)).contains("can't be blank");
        assertThat(CommentRules.problemWithBody("", 10)).contains("can't be blank");
        assertThat(CommentRules.problemWithBody(" \n\t", 10)).contains("can't be blank");
    }

    @Test
    void theLengthLimitCountsCharactersAsPeopleSeeThem() {
        assertThat(CommentRules.problemWithBody("x".repeat(10), 10)).isEmpty();
        assertThat(CommentRules.problemWithBody("x".repeat(11), 10)).contains("is too long (maximum is 10 characters)");
        assertThat(CommentRules.problemWithBody("\uD83D\uDE00".repeat(10), 10)).isEmpty();
    }

    @Test
    void onlyPositiveDecimalNumbersThatFitALongAreIds() {
        assertThat(CommentRules.parseId("1")).hasValue(1);
        assertThat(CommentRules.parseId("999999999999999999")).hasValue(999_999_999_999_999_999L);
        for (String notAnId : new String[] {
            null, "", "0", "-1", "01", "+1", "abc", "1.5", "1e3", " 1", "9999999999999999999", "\u0661\u0662"
        }) {
            assertThat(CommentRules.parseId(notAnId)).as(notAnId).isEmpty();
        }
    }

    @Test
    void theCommentsAuthorTheArticlesAuthorAndModeratorsMayDelete() {
        assertThat(CommentRules.mayDelete("commenter", false, "commenter", "writer"))
                .isTrue();
        assertThat(CommentRules.mayDelete("writer", false, "commenter", "writer"))
                .isTrue();
        assertThat(CommentRules.mayDelete("moderator", true, "commenter", "writer"))
                .isTrue();
        assertThat(CommentRules.mayDelete("someone", false, "commenter", "writer"))
                .isFalse();
    }

    @Test
    void aCommentIsEditableUntilTheEndOfItsWindowAndNotAfter() {
        Instant posted = Instant.parse("2026-11-26T10:00:00Z");
        Duration window = Duration.ofMinutes(15);

        assertThat(CommentRules.withinEditWindow(posted, posted, window)).isTrue();
        assertThat(CommentRules.withinEditWindow(posted, posted.plus(window), window))
                .isTrue();
        assertThat(CommentRules.withinEditWindow(posted, posted.plus(window).plusMillis(1), window))
                .isFalse();
    }

    @Test
    void aPageSizeIsAWholeNumberFromOneToTheMaximum() {
        assertThat(CommentRules.parseLimit("1")).hasValue(1);
        assertThat(CommentRules.parseLimit("100")).hasValue(100);
        for (String invalid : List.of("0", "101", "-1", "abc", "1.5", "", " 5", "99999999999")) {
            assertThat(CommentRules.parseLimit(invalid)).as(invalid).isEmpty();
        }
        assertThat(CommentRules.parseLimit(null)).isEmpty();
    }
}
