package dev.newsroom.comment.article;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.comment.CommentServiceTest;
import dev.newsroom.platform.web.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The projection's rules, applied directly: what the Kafka tests cannot order deterministically. */
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
    void aNewerEventReplacesAnOlderOne() {
        assertThat(changed("e1", "first-author", T0)).isTrue();
        assertThat(changed("e2", author, T0.plusSeconds(1))).isTrue();

        assertThat(stored()).isEqualTo(new Article(id, slug, "A title", author, false, T0.plusSeconds(1), "e2"));
    }

    @Test
    void anOlderEventArrivingLateChangesNothing() {
        changed("e2", author, T0.plusSeconds(1));

        assertThat(changed("e1", "first-author", T0)).isFalse();
        assertThat(stored()).isEqualTo(new Article(id, slug, "A title", author, false, T0.plusSeconds(1), "e2"));
    }

    @Test
    void theSameEventTwiceChangesNothingTheSecondTime() {
        assertThat(changed("e1", author, T0)).isTrue();

        assertThat(changed("e1", author, T0)).isFalse();
        assertThat(stored().lastEventId()).isEqualTo("e1");
    }

    @Test
    void twoDifferentEventsOfTheSameMillisecondAreBothApplied() {
        changed("e1", "first-author", T0);

        assertThat(changed("e2", author, T0)).isTrue();
        assertThat(stored().authorId()).isEqualTo(author);
    }

    @Test
    void deletionIsFinalWhateverArrivesAfterIt() {
        changed("e1", author, T0);
        assertThat(deleted("e2", T0.plusSeconds(5))).isTrue();

        assertThat(changed("e3", author, T0.plusSeconds(1))).as("stale update").isFalse();
        assertThat(changed("e4", author, T0.plusSeconds(60)))
                .as("update dated later")
                .isFalse();
        assertThat(deleted("e2", T0.plusSeconds(5))).as("redelivered deletion").isFalse();
        assertThat(stored()).isEqualTo(new Article(id, slug, "A title", author, true, T0.plusSeconds(5), "e2"));
    }

    @Test
    void aDeletionSeenBeforeThePublicationLeavesATombstone() {
        assertThat(deleted("e2", T0.plusSeconds(5))).isTrue();

        assertThat(changed("e1", author, T0)).isFalse();
        assertThat(stored().deleted()).isTrue();
        StepVerifier.create(projection.live(slug))
                .expectErrorSatisfies(error -> assertThat(((ApiException) error).errors())
                        .containsEntry("article", java.util.List.of("not found")))
                .verify(Duration.ofSeconds(1));
    }

    @Test
    void aSlugThatAppearsWhileTheRequestWaitsIsFound() {
        Mono<Boolean> arrivesLate =
                Mono.delay(Duration.ofMillis(400)).then(projection.changed("e1", id, slug, "A title", author, T0));

        StepVerifier.create(projection.live(slug).zipWith(arrivesLate, (article, applied) -> article))
                .assertNext(article -> assertThat(article.id()).isEqualTo(id))
                .verifyComplete();
    }

    @Test
    void anUnknownSlugIsNotFoundAfterTheBoundedWait() {
        long started = System.nanoTime();

        StepVerifier.create(projection.live("never-" + id))
                .expectError(ApiException.class)
                .verify(Duration.ofSeconds(10));

        Duration waited = Duration.ofNanos(System.nanoTime() - started);
        assertThat(waited).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(5));
    }

    private boolean changed(String eventId, String authorId, Instant updatedAt) {
        return projection
                .changed(eventId, id, slug, "A title", authorId, updatedAt)
                .block();
    }

    private boolean deleted(String eventId, Instant deletedAt) {
        return projection.deleted(eventId, id, slug, author, deletedAt).block();
    }

    private Article stored() {
        return mongo.findById(id, Article.class).block();
    }
}
