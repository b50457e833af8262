package dev.newsroom.comment.comment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThreadsTest {

    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void pathOrderIsThreadOrderEachReplyAfterItsParentSiblingsOldestFirst() {
        String first = Threads.path(null, T0, 900);
        String second = Threads.path(null, T0.plusSeconds(1), 5);
        String replyToFirstLater = Threads.path(first, T0.plusSeconds(20), 1);
        String replyToFirst = Threads.path(first, T0.plusSeconds(10), 77);
        String replyToReply = Threads.path(replyToFirst, T0.plusSeconds(30), 3);

        List<String> sorted = new ArrayList<>(List.of(second, replyToReply, replyToFirstLater, first, replyToFirst));
        sorted.sort(Comparator.naturalOrder());

        assertThat(sorted).containsExactly(first, replyToFirst, replyToReply, replyToFirstLater, second);
    }

    @Test
    void siblingsPostedInTheSameMillisecondAreOrderedById() {
        assertThat(Threads.path(null, T0, 9)).isLessThan(Threads.path(null, T0, 10));
    }

    @Test
    void onlyTrueDescendantsAreBelowAPath() {
        String parent = Threads.path(null, T0, 1);
        String child = Threads.path(parent, T0, 2);

        assertThat(Threads.isBelow(child, parent)).isTrue();
        assertThat(Threads.isBelow(Threads.path(child, T0, 3), parent)).isTrue();
        assertThat(Threads.isBelow(parent, parent)).isFalse();
        assertThat(Threads.isBelow(parent, child)).isFalse();
        assertThat(Threads.isBelow(Threads.path(null, T0, 2), parent)).isFalse();
    }

    @Test
    void aCursorNamesThePathItWasMadeFrom() {
        String path = Threads.path(Threads.path(null, T0, 1), T0, 2);

        assertThat(Threads.pathOf(Threads.cursor(path))).contains(path);
    }

    @Test
    void anythingElseIsNotACursor() {
        for (String cursor :
                List.of("", "abc", "!!!", "x".repeat(5000), Threads.cursor("12345"), Threads.cursor("a"))) {
            assertThat(Threads.pathOf(cursor)).as(cursor).isEmpty();
        }
        assertThat(Threads.pathOf(null)).isEmpty();
    }

    @Test
    void aDeletedCommentIsShownOnlyBeforeALiveReplyBelowIt() {
        Comment parent = comment(1, null, true);
        Comment deletedChild = comment(2, parent, true);
        Comment liveGrandchild = comment(3, deletedChild, false);
        Comment deletedLeaf = comment(4, parent, true);
        Comment lonelyDeleted = comment(5, null, true);
        Comment live = comment(6, null, false);

        Threads.Placeholders placeholders = new Threads.Placeholders();
        List<Comment> shown = new ArrayList<>();
        for (Comment next : List.of(parent, deletedChild, liveGrandchild, deletedLeaf, lonelyDeleted, live)) {
            shown.addAll(placeholders.next(next));
        }

        assertThat(shown).extracting(Comment::id).containsExactly(1L, 2L, 3L, 6L);
    }

    @Test
    void deletedCommentsAtTheEndAreNotShown() {
        Comment live = comment(1, null, false);
        Comment deleted = comment(2, null, true);
        Threads.Placeholders placeholders = new Threads.Placeholders();

        assertThat(placeholders.next(live)).containsExactly(live);
        assertThat(placeholders.next(deleted)).isEmpty();
    }

    private static Comment comment(long id, Comment parent, boolean deleted) {
        String path = Threads.path(parent == null ? null : parent.path(), T0.plusSeconds(id), id);
        return Comment.builder()
                .id(id)
                .articleId("article")
                .authorId("author")
                .parentId(parent == null ? null : parent.id())
                .depth(parent == null ? 0 : parent.depth() + 1)
                .path(path)
                .body(deleted ? null : "text")
                .createdAt(T0)
                .updatedAt(T0)
                .deleted(deleted)
                .status(CommentStatus.PUBLISHED)
                .build();
    }
}
