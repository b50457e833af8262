package dev.newsroom.comment.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import dev.newsroom.comment.CommentServiceTest;
import dev.newsroom.platform.web.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import reactor.test.StepVerifier;

/**
 * What comment-service keeps of an article and how it answers for one. The projection's rules
 * (order, replays, tombstones, the wait) are the platform's and tested there ({@code
 * ProjectionTest}).
 */
@CommentServiceTest
class ArticleProjectionTest {

    static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Autowired
    ArticleProjection projection;

    @Autowired
    ReactiveMongoTemplate mongo;

    final String id = UUID.randomUUID().toString();
    final String slug = "slug-" + id;
    final String author = UUID.randomUUID().toString();

    @Test
    void aPublishedArticleKeepsItsSlugTitleAndAuthorAndIsLive() {
        assertThat(projection.changed("e1", id, slug, "A title", author, T0).block())
                .isTrue();

        Article expected = new Article(id, slug, "A title", author, false, T0, "e1");
        assertThat(stored()).isEqualTo(expected);
        assertThat(projection.live(slug).block(Duration.ofSeconds(5))).isEqualTo(expected);
    }

    @Test
    void aDeletedArticleKeepsItsLastTitleAndIsNotFoundAtOnce() {
        projection.changed("e1", id, slug, "A title", author, T0).block();

        assertThat(projection.deleted("e2", id, slug, author, T0.plusSeconds(5)).block())
                .isTrue();

        assertThat(stored()).isEqualTo(new Article(id, slug, "A title", author, true, T0.plusSeconds(5), "e2"));
        long started = System.nanoTime();
        StepVerifier.create(projection.live(slug))
                .expectErrorSatisfies(error ->
                        assertThat(((ApiException) error).errors()).containsEntry("article", List.of("not found")))
                .verify(Duration.ofSeconds(1));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void anUnknownSlugIsNotFoundAfterTheConfiguredWait() {
        long started = System.nanoTime();

        StepVerifier.create(projection.live("never-" + id))
                .expectError(ApiException.class)
                .verify(Duration.ofSeconds(10));

        Duration waited = Duration.ofNanos(System.nanoTime() - started);
        // Bounded, not forever: the upper limit leaves room for a loaded machine.
        assertThat(waited).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(30));
    }

    @Test
    void aListingReusesALiveArticleItLookedUpUntilThisInstanceAppliesAnEvent() {
        projection.changed("e1", id, slug, "A title", author, T0).block();
        Article first = projection.readable(slug).block(Duration.ofSeconds(5));
        // Changed in the store behind the projection's back, as if by another instance: not seen yet.
        mongo.remove(new Query(where("_id").is(id)), Article.class).block();

        assertThat(projection.readable(slug).block(Duration.ofSeconds(5))).isEqualTo(first);

        projection
                .changed("e2", id, slug, "A new title", author, T0.plusSeconds(1))
                .block();
        assertThat(projection.readable(slug).block(Duration.ofSeconds(5)).title())
                .isEqualTo("A new title");
    }

    @Test
    void aListingSeesADeletionThisInstanceAppliedAtOnce() {
        projection.changed("e1", id, slug, "A title", author, T0).block();
        projection.readable(slug).block(Duration.ofSeconds(5));

        projection.deleted("e2", id, slug, author, T0.plusSeconds(5)).block();

        StepVerifier.create(projection.readable(slug))
                .expectError(ApiException.class)
                .verify(Duration.ofSeconds(1));
    }

    @Test
    void articlesAreFoundByIdLiveOrDeleted() {
        String deleted = UUID.randomUUID().toString();
        projection.changed("e1", id, slug, "A title", author, T0).block();
        projection.deleted("e2", deleted, "gone-" + deleted, author, T0).block();

        assertThat(projection.byIds(List.of(id, deleted)).block()).containsOnlyKeys(id, deleted);
    }

    private Article stored() {
        return mongo.findById(id, Article.class).block();
    }
}
