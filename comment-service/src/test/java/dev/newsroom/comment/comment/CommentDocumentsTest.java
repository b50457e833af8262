package dev.newsroom.comment.comment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.comment.CommentServiceTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The listing reads comments with its own mapping ({@link CommentDocuments}): it must read back
 * exactly what Spring Data stored, for every field a listing uses.
 */
@CommentServiceTest
class CommentDocumentsTest {

    static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Autowired
    CommentRepository repository;

    @Autowired
    CommentIds ids;

    final String articleId = UUID.randomUUID().toString();

    @Test
    void theListingReadsEveryFieldItShowsAsSpringDataStoredIt() {
        long top = ids.next().block();
        long reply = ids.next().block();
        long gone = ids.next().block();
        String topPath = Threads.path(null, T0, top);
        Comment held = Comment.builder()
                .id(top)
                .articleId(articleId)
                .authorId("author-1")
                .path(topPath)
                .body("Held **for** a moderator")
                .createdAt(T0)
                .updatedAt(T0.plusSeconds(30))
                .editedAt(T0.plusSeconds(30))
                .status(CommentStatus.HELD)
                .moderationReasons(List.of("links", "long"))
                .moderatedBy("moderator-1")
                .moderatedAt(T0.plusSeconds(40))
                .fingerprint("fingerprint")
                .build();
        Comment published = Comment.builder()
                .id(reply)
                .articleId(articleId)
                .authorId("author-2")
                .parentId(top)
                .depth(1)
                .path(Threads.path(topPath, T0.plusSeconds(1), reply))
                .body("A reply")
                .createdAt(T0.plusSeconds(1))
                .updatedAt(T0.plusSeconds(1))
                .build();
        Comment deleted = Comment.builder()
                .id(gone)
                .articleId(articleId)
                .path(Threads.path(null, T0.plusSeconds(2), gone))
                .createdAt(T0.plusSeconds(2))
                .updatedAt(T0.plusSeconds(3))
                .deleted(true)
                .deletedAt(T0.plusSeconds(3))
                .deletedBy("author-3")
                .build();
        for (Comment comment : List.of(held, published, deleted)) {
            repository.insert(comment).block();
        }

        List<Comment> listed =
                repository.inPathOrder(articleId, null).collectList().block();

        assertThat(listed)
                .usingRecursiveFieldByFieldElementComparatorIgnoringFields(
                        "fingerprint", "moderatedBy", "moderatedAt", "deletedBy")
                .containsExactly(held, published, deleted);
        assertThat(repository
                        .inPathOrder(articleId, topPath)
                        .map(Comment::id)
                        .collectList()
                        .block())
                .containsExactly(reply, gone);
    }
}
