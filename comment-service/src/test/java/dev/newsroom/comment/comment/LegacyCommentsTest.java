package dev.newsroom.comment.comment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.comment.Articles;
import dev.newsroom.comment.Articles.TestArticle;
import dev.newsroom.comment.CommentClient;
import dev.newsroom.comment.CommentServiceTest;
import dev.newsroom.platform.security.TestTokens;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Comments stored before threads existed take their place in thread order. */
@CommentServiceTest
class LegacyCommentsTest {

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    WebTestClient web;

    @Autowired
    CommentIds ids;

    @Autowired
    CommentRepository repository;

    @Test
    void aCommentWithoutAPathGetsOneAndIsListedAsATopLevelCommentInItsPlace() {
        TestTokens.User reader = TestTokens.newUser();
        CommentClient comments = new CommentClient(web);
        TestArticle article;
        try (Articles articles = new Articles(mongo)) {
            article = articles.live(reader.id());
        }
        long legacy = ids.next().block();
        Date earlier = Date.from(Instant.now().minus(1, ChronoUnit.HOURS));
        mongo.insert(
                        new Document("_id", legacy)
                                .append("articleId", article.id())
                                .append("authorId", reader.id())
                                .append("body", "From before threads")
                                .append("createdAt", earlier)
                                .append("updatedAt", earlier)
                                .append("deleted", false),
                        Comment.COLLECTION)
                .block();
        long current = comments.post(article.slug(), reader, "Today");

        assertThat(repository.backfillPaths().block()).isPositive();
        assertThat(repository.backfillPaths().block()).isZero();

        assertThat(CommentClient.ids(comments.list(article.slug()))).containsExactly(legacy, current);
        assertThat(comments.list(article.slug()).get(0))
                .containsEntry("depth", 0)
                .containsEntry("parentId", null);
    }
}
