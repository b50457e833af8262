package dev.newsroom.comment.comment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.comment.Articles;
import dev.newsroom.comment.Articles.TestArticle;
import dev.newsroom.comment.CommentClient;
import dev.newsroom.comment.CommentServiceTest;
import dev.newsroom.platform.security.TestTokens;
import dev.newsroom.platform.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.test.StepVerifier;

@CommentServiceTest
class FloodControlTest {

    static final Instant HALF_PAST = Instant.parse("2026-11-26T10:00:30Z");

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    WebTestClient web;

    @Autowired
    FloodCounterRepository counters;

    @Test
    void aUserMayPostTheLimitPerMinuteThenGets429UntilTheMinuteEnds() {
        FloodControl limit = new FloodControl(counters, 3, Clock.fixed(HALF_PAST, ZoneOffset.UTC));
        String user = UUID.randomUUID().toString();

        for (int i = 0; i < 3; i++) {
            StepVerifier.create(limit.admit(user)).verifyComplete();
        }

        StepVerifier.create(limit.admit(user))
                .expectErrorSatisfies(error -> {
                    ApiException refused = (ApiException) error;
                    assertThat(refused.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
                    assertThat(refused.errors()).containsEntry("comment", java.util.List.of(FloodControl.MESSAGE));
                    assertThat(refused.retryAfter().toSeconds()).isEqualTo(30);
                })
                .verify();
        StepVerifier.create(limit.admit(UUID.randomUUID().toString()))
                .as("others are not affected")
                .verifyComplete();
    }

    @Test
    void theCountStartsAgainWithTheNextMinute() {
        String user = UUID.randomUUID().toString();
        FloodControl now = new FloodControl(counters, 1, Clock.fixed(HALF_PAST, ZoneOffset.UTC));
        FloodControl nextMinute = new FloodControl(counters, 1, Clock.fixed(HALF_PAST.plusSeconds(30), ZoneOffset.UTC));

        StepVerifier.create(now.admit(user)).verifyComplete();
        StepVerifier.create(now.admit(user)).expectError(ApiException.class).verify();

        StepVerifier.create(nextMinute.admit(user)).verifyComplete();
    }

    @Test
    void instancesShareTheCounters() {
        String user = UUID.randomUUID().toString();
        Clock clock = Clock.fixed(HALF_PAST, ZoneOffset.UTC);
        FloodControl one = new FloodControl(counters, 2, clock);
        FloodControl other = new FloodControl(counters, 2, clock);

        StepVerifier.create(one.admit(user)).verifyComplete();
        StepVerifier.create(other.admit(user)).verifyComplete();

        StepVerifier.create(one.admit(user)).expectError(ApiException.class).verify();
    }

    @Test
    void postingOverTheLimitAnswers429WithRetryAfterAndPostsNothing() {
        TestTokens.User flooder = TestTokens.newUser();
        CommentClient comments = new CommentClient(web);
        TestArticle article;
        try (Articles articles = new Articles(mongo)) {
            article = articles.live(TestTokens.newUser().id());
        }
        // The service's own limit is raised for the other tests: use it up for this minute and the next.
        long window = Instant.now().getEpochSecond() / 60;
        for (long w = window; w <= window + 1; w++) {
            mongo.save(
                            new Document("_id", FloodControl.key(flooder.id(), w))
                                    .append("count", 1_000_000)
                                    .append(
                                            "expiresAt",
                                            java.util.Date.from(Instant.now().plus(Duration.ofMinutes(5)))),
                            FloodCounterRepository.COLLECTION)
                    .block();
        }

        comments.post(article.slug(), flooder, CommentClient.comment("One more", null))
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .value(
                        HttpHeaders.RETRY_AFTER,
                        seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 120))
                .expectBody()
                .json("{\"errors\":{\"comment\":[\"too many comments; try again later\"]}}", true);

        assertThat(comments.list(article.slug())).isEmpty();
    }
}
