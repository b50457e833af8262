package dev.newsroom.comment.comment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.comment.CommentServiceProperties.Action;
import dev.newsroom.comment.CommentServiceProperties.Links;
import dev.newsroom.comment.CommentServiceProperties.LongComments;
import dev.newsroom.comment.CommentServiceProperties.Moderation;
import dev.newsroom.comment.CommentServiceProperties.Repeats;
import dev.newsroom.comment.CommentServiceProperties.WordList;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModerationChecksTest {

    private static final Moderation DEFAULTS = new Moderation(
            new LongComments(200, Action.HOLD),
            new Links(2, Action.HOLD),
            new WordList(List.of("casino", " Viagra "), Action.REFUSE),
            new Repeats(Duration.ofMinutes(10), Action.REFUSE));

    private final ModerationChecks checks = new ModerationChecks(DEFAULTS);

    @Test
    void anOrdinaryCommentIsPublished() {
        ModerationChecks.Verdict verdict = checks.check("A fair summary, thanks.", false);

        assertThat(verdict.refused()).isFalse();
        assertThat(verdict.status()).isEqualTo(CommentStatus.PUBLISHED);
        assertThat(verdict.reasons()).isEmpty();
    }

    @Test
    void moreLinksThanAllowedAreHeldSayingWhy() {
        String body = "See https://a.example/x, http://b.example and www.c.example";

        ModerationChecks.Verdict verdict = checks.check(body, false);

        assertThat(verdict.status()).isEqualTo(CommentStatus.HELD);
        assertThat(verdict.reasons()).containsExactly("has too many links (at most 2)");
        assertThat(checks.check("https://a.example and https://b.example", false)
                        .status())
                .as("exactly the limit passes")
                .isEqualTo(CommentStatus.PUBLISHED);
    }

    @Test
    void bannedWordsAreRefusedAsWholeWordsInAnyCase() {
        assertThat(checks.check("Best CASINO bonus here", false).refused()).isTrue();
        assertThat(checks.check("buy viagra", false).reasons()).containsExactly("contains words that are not allowed");
        assertThat(checks.check("The casinos of Monaco lost money", false).refused())
                .as("a longer word that contains a banned one is fine")
                .isFalse();
    }

    @Test
    void longCommentsAreHeldAboveTheLimitCountingCharactersAsPeopleSeeThem() {
        assertThat(checks.check("é".repeat(200), false).status()).isEqualTo(CommentStatus.PUBLISHED);
        assertThat(checks.check("😀".repeat(201), false).reasons()).containsExactly("is longer than 200 characters");
    }

    @Test
    void aRepeatIsRefusedAndARefusalWinsOverAHoldWithEveryReasonGiven() {
        ModerationChecks.Verdict repeat = checks.check("Same again", true);
        assertThat(repeat.refused()).isTrue();
        assertThat(repeat.reasons()).containsExactly("repeats a comment you posted just now");

        ModerationChecks.Verdict both = checks.check("casino https://a https://b https://c", false);
        assertThat(both.refused()).isTrue();
        assertThat(both.reasons()).containsExactly("contains words that are not allowed");
    }

    @Test
    void eachCheckDoesWhatItIsConfiguredToDo() {
        ModerationChecks strict = new ModerationChecks(new Moderation(
                new LongComments(40, Action.REFUSE),
                new Links(0, Action.REFUSE),
                new WordList(List.of("casino"), Action.HOLD),
                new Repeats(Duration.ofMinutes(10), Action.HOLD)));

        assertThat(strict.check("see https://a.example", false).refused()).isTrue();
        assertThat(strict.check("casino night", true).status()).isEqualTo(CommentStatus.HELD);
        assertThat(strict.check("casino night", true).reasons()).hasSize(2);
    }

    @Test
    void theSameTextIgnoresCaseSpacingAndPunctuation() {
        assertThat(ModerationChecks.fingerprint("Great post!!"))
                .isEqualTo(ModerationChecks.fingerprint("great   post"));
        assertThat(ModerationChecks.fingerprint("Great post"))
                .isNotEqualTo(ModerationChecks.fingerprint("Great posts"));
    }

    @Test
    void aHeldCursorReadsBackAndForeignOnesAreRejected() {
        HeldCursor cursor = new HeldCursor(java.time.Instant.parse("2026-11-26T10:00:00.123Z"), 77);

        assertThat(HeldCursor.decode(cursor.encode())).contains(cursor);
        assertThat(HeldCursor.decode("abc")).isEmpty();
        assertThat(HeldCursor.decode("!!")).isEmpty();
    }
}
