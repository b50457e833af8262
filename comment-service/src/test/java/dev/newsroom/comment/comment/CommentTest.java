package dev.newsroom.comment.comment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommentTest {

    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void toBuilderKeepsEveryComponentAndChangesOnlyWhatIsSet() {
        Comment held = held();

        assertThat(held.toBuilder().build()).isEqualTo(held);
        assertThat(held.toBuilder().body("Changed.").build())
                .usingRecursiveComparison()
                .ignoringFields("body")
                .isEqualTo(held);
    }

    @Test
    void aBuiltCommentWithoutStatusReasonsOrOutboxIsPublishedWithEmptyLists() {
        Comment comment = Comment.builder().id(1L).articleId("article").build();

        assertThat(comment.status()).isEqualTo(CommentStatus.PUBLISHED);
        assertThat(comment.moderationReasons()).isEmpty();
        assertThat(comment.outbox()).isEmpty();
    }

    @Test
    void aPlaceholderKeepsTheThreadsShapeAndNothingOfTheComment() {
        Comment placeholder = held().asPlaceholder();

        assertThat(placeholder.id()).isEqualTo(7L);
        assertThat(placeholder.parentId()).isEqualTo(3L);
        assertThat(placeholder.depth()).isEqualTo(1);
        assertThat(placeholder.path()).isEqualTo(held().path());
        assertThat(placeholder.deleted()).isTrue();
        assertThat(placeholder.status()).isEqualTo(CommentStatus.PUBLISHED);
        assertThat(placeholder.authorId()).isNull();
        assertThat(placeholder.body()).isNull();
        assertThat(placeholder.moderationReasons()).isEmpty();
        assertThat(placeholder.fingerprint()).isNull();
    }

    private static Comment held() {
        return Comment.builder()
                .id(7L)
                .articleId("article")
                .authorId("author")
                .parentId(3L)
                .depth(1)
                .path(Threads.path(Threads.path(null, T0, 3), T0, 7))
                .body("Buy now at www.a.example www.b.example www.c.example")
                .createdAt(T0)
                .updatedAt(T0)
                .status(CommentStatus.HELD)
                .moderationReasons(List.of("has too many links (at most 2)"))
                .fingerprint("f")
                .build();
    }
}
