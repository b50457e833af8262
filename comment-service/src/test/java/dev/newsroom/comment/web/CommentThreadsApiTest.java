package dev.newsroom.comment.web;

import static dev.newsroom.comment.CommentClient.comment;
import static dev.newsroom.comment.CommentClient.ids;
import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.comment.Articles;
import dev.newsroom.comment.Articles.TestArticle;
import dev.newsroom.comment.CommentClient;
import dev.newsroom.comment.CommentServiceTest;
import dev.newsroom.platform.security.TestTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Replies, thread order, placeholders for deleted comments with replies, and cursor paging. */
@CommentServiceTest
class CommentThreadsApiTest {

    @Autowired
    WebTestClient web;

    @Autowired
    ReactiveMongoTemplate mongo;

    Articles articles;
    CommentClient comments;
    TestTokens.User reader;
    TestArticle article;

    @BeforeEach
    void setUp() {
        articles = new Articles(mongo);
        comments = new CommentClient(web);
        reader = TestTokens.newUser();
        article = articles.live(TestTokens.newUser().id());
    }

    @AfterEach
    void tearDown() {
        articles.close();
    }

    @Test
    void aReplyCarriesItsParentAndDepth() {
        long top = comments.post(article.slug(), reader, "Top");

        Map<?, ?> reply = comments.postForComment(article.slug(), reader, "Reply", top);

        assertThat(reply.get("parentId")).isEqualTo((int) top);
        assertThat(reply.get("depth")).isEqualTo(1);
        assertThat(comments.list(article.slug()).get(0))
                .containsEntry("parentId", null)
                .containsEntry("depth", 0);
    }

    @Test
    void theListIsFlatInThreadOrderEachReplyAfterItsParentSiblingsOldestFirst() {
        long a = comments.post(article.slug(), reader, "A");
        long b = comments.post(article.slug(), reader, "B");
        long a1 = comments.post(article.slug(), reader, "A1", a);
        long b1 = comments.post(article.slug(), reader, "B1", b);
        long a1x = comments.post(article.slug(), reader, "A1x", a1);
        long a2 = comments.post(article.slug(), reader, "A2", a);
        long c = comments.post(article.slug(), reader, "C");

        List<Map<String, Object>> listed = comments.list(article.slug());

        assertThat(ids(listed)).containsExactly(a, a1, a1x, a2, b, b1, c);
        assertThat(listed).extracting(comment -> comment.get("depth")).containsExactly(0, 1, 2, 1, 0, 1, 0);
    }

    @Test
    void aParentThatIsNotALiveCommentOfThisArticleAnswers422() {
        TestArticle other = articles.live(reader.id());
        long elsewhere = comments.post(other.slug(), reader, "Elsewhere");
        long deleted = comments.post(article.slug(), reader, "Deleted");
        comments.delete(article.slug(), deleted, reader).expectStatus().isNoContent();

        for (long parent : List.of(elsewhere, deleted, 99999999L, -5L, 0L)) {
            comments.post(article.slug(), reader, comment("Orphan", parent))
                    .expectStatus()
                    .isEqualTo(422)
                    .expectBody()
                    .json("{\"errors\":{\"parentId\":[\"not found\"]}}", true);
        }
        comments.post(article.slug(), reader, (Object) "{\"comment\":{\"body\":\"x\",\"parentId\":\"abc\"}}")
                .expectStatus()
                .isEqualTo(422);
        assertThat(comments.list(article.slug())).isEmpty();
    }

    @Test
    void repliesNestUpToTheMaximumDepthAndNoDeeper() {
        Long parent = null;
        for (int depth = 0; depth <= 3; depth++) {
            parent = comments.post(article.slug(), reader, "Depth " + depth, parent);
        }

        comments.post(article.slug(), reader, comment("Too deep", parent))
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .json("{\"errors\":{\"parentId\":[\"is too deeply nested (maximum depth is 3)\"]}}", true);
        assertThat(comments.list(article.slug())).hasSize(4);
    }

    @Test
    void aDeletedCommentWithRepliesStaysAsAPlaceholderAndGoesWithItsLastReply() {
        long parent = comments.post(article.slug(), reader, "Controversial");
        long reply = comments.post(article.slug(), reader, "I disagree", parent);
        long lonely = comments.post(article.slug(), reader, "Nobody answered");

        comments.delete(article.slug(), parent, reader).expectStatus().isNoContent();
        comments.delete(article.slug(), lonely, reader).expectStatus().isNoContent();

        List<Map<String, Object>> listed = comments.list(article.slug());
        assertThat(ids(listed)).containsExactly(parent, reply);
        assertThat(listed.get(0))
                .containsEntry("deleted", true)
                .containsEntry("body", null)
                .containsEntry("depth", 0)
                .containsEntry("author", null)
                .doesNotContainKey("authorId");
        assertThat(listed.get(1)).doesNotContainKey("deleted").containsEntry("body", "I disagree");

        // A placeholder cannot be deleted again.
        comments.delete(article.slug(), parent, reader).expectStatus().isNotFound();
        comments.delete(article.slug(), reply, reader).expectStatus().isNoContent();
        assertThat(comments.list(article.slug())).isEmpty();
    }

    @Test
    void pagesFollowTheCursorInThreadOrderToANullCursor() {
        long a = comments.post(article.slug(), reader, "A");
        long b = comments.post(article.slug(), reader, "B");
        long a1 = comments.post(article.slug(), reader, "A1", a);
        long deletedWithReply = comments.post(article.slug(), reader, "A2", a);
        long a2x = comments.post(article.slug(), reader, "A2x", deletedWithReply);
        long deletedLeaf = comments.post(article.slug(), reader, "B1", b);
        long c = comments.post(article.slug(), reader, "C");
        comments.delete(article.slug(), deletedWithReply, reader).expectStatus().isNoContent();
        comments.delete(article.slug(), deletedLeaf, reader).expectStatus().isNoContent();
        List<Long> full = ids(comments.list(article.slug()));
        assertThat(full).containsExactly(a, a1, deletedWithReply, a2x, b, c);

        List<Long> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, Object> page = cursor == null
                    ? comments.get("/api/articles/{slug}/comments?limit=2", article.slug())
                    : comments.get("/api/articles/{slug}/comments?limit=2&after={after}", article.slug(), cursor);
            assertThat(page).containsOnlyKeys("comments", "nextCursor");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> listed = (List<Map<String, Object>>) page.get("comments");
            paged.addAll(ids(listed));
            cursor = (String) page.get("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(paged).isEqualTo(full);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void aCursorWithoutALimitGivesTwentyAndTheLastPageSaysNullExplicitly() {
        List<Long> posted = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            posted.add(comments.post(article.slug(), reader, "Comment " + i));
        }
        Map<String, Object> first = comments.get("/api/articles/{slug}/comments?limit=1", article.slug());

        web.get()
                .uri("/api/articles/{slug}/comments?after={after}", article.slug(), first.get("nextCursor"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.comments.length()")
                .isEqualTo(20)
                .jsonPath("$.comments[19].id")
                .isEqualTo(posted.get(20))
                .jsonPath("$.nextCursor")
                .isEqualTo(null);
    }

    @Test
    void invalidLimitsAndCursorsAnswer422() {
        for (String limit : List.of("0", "101", "-1", "abc", "1.5", "")) {
            web.get()
                    .uri("/api/articles/{slug}/comments?limit={limit}", article.slug(), limit)
                    .exchange()
                    .expectStatus()
                    .isEqualTo(422)
                    .expectBody()
                    .json("{\"errors\":{\"limit\":[\"must be a whole number from 1 to 100\"]}}", true);
        }
        for (String after : List.of("", "abc", "bm90IGEgY3Vyc29y", "%%%")) {
            web.get()
                    .uri("/api/articles/{slug}/comments?after={after}", article.slug(), after)
                    .exchange()
                    .expectStatus()
                    .isEqualTo(422)
                    .expectBody()
                    .json("{\"errors\":{\"after\":[\"is invalid\"]}}", true);
        }
    }
}
