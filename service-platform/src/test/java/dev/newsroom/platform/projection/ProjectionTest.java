package dev.newsroom.platform.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import dev.newsroom.infra.junit.SharedInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The projection's rules, applied directly on the shared store: what the services' Kafka tests
 * cannot order deterministically.
 */
@SharedInfrastructure
class ProjectionTest {

    static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    static final ProjectionLookup LOOKUP = new ProjectionLookup(Duration.ofMillis(800), Duration.ofMillis(100));

    static MongoClient client;
    static ReactiveMongoTemplate mongo;
    static Projection<StoryCopy> projection;

    final String id = UUID.randomUUID().toString();
    final String slug = "slug-" + id;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(System.getProperty("spring.mongodb.uri"));
        mongo = new ReactiveMongoTemplate(client, "newsroom-projection-test");
        projection = new Projection<>(mongo, StoryCopy.COLLECTION, StoryCopy.class, "slug", LOOKUP);
        projection.createKeyIndex().block();
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Test
    void aNewerEventReplacesAnOlderOne() {
        assertThat(changed("e1", "First", T0)).isTrue();
        assertThat(changed("e2", "Second", T0.plusSeconds(1))).isTrue();

        assertThat(stored()).isEqualTo(new StoryCopy(id, slug, "Second", "Text", false, T0.plusSeconds(1), "e2"));
    }

    @Test
    void anOlderEventArrivingLateChangesNothing() {
        changed("e2", "Second", T0.plusSeconds(1));

        assertThat(changed("e1", "First", T0)).isFalse();
        assertThat(stored()).isEqualTo(new StoryCopy(id, slug, "Second", "Text", false, T0.plusSeconds(1), "e2"));
    }

    @Test
    void theSameEventTwiceChangesNothingTheSecondTime() {
        assertThat(changed("e1", "First", T0)).isTrue();

        assertThat(changed("e1", "First", T0)).isFalse();
        assertThat(stored().lastEventId()).isEqualTo("e1");
    }

    @Test
    void twoDifferentEventsOfTheSameMillisecondAreBothApplied() {
        changed("e1", "First", T0);

        assertThat(changed("e2", "Second", T0)).isTrue();
        assertThat(stored().title()).isEqualTo("Second");
    }

    @Test
    void deletionIsFinalWhateverArrivesAfterIt() {
        changed("e1", "First", T0);
        assertThat(deleted("e2", T0.plusSeconds(5))).isTrue();

        assertThat(changed("e3", "Stale", T0.plusSeconds(1))).as("stale update").isFalse();
        assertThat(changed("e4", "Later", T0.plusSeconds(60)))
                .as("update dated later")
                .isFalse();
        assertThat(deleted("e2", T0.plusSeconds(5))).as("redelivered deletion").isFalse();
        assertThat(deleted("e5", T0.plusSeconds(90))).as("a second deletion").isFalse();
        assertThat(stored()).isEqualTo(new StoryCopy(id, slug, "First", null, true, T0.plusSeconds(5), "e2"));
    }

    @Test
    void aTombstoneKeepsTheFieldsItSetsAndDropsTheOnesItForgets() {
        changed("e1", "First", T0);

        projection
                .deleted(
                        "e2",
                        id,
                        T0.plusSeconds(5),
                        ProjectedFields.none().set("slug", slug).forget("title"))
                .block();

        Document raw = mongo.getCollection(StoryCopy.COLLECTION)
                .flatMap(documents ->
                        Mono.from(documents.find(new Document("_id", id)).first()))
                .block();
        assertThat(raw).doesNotContainKey("title").containsEntry("slug", slug).containsEntry("body", "Text");
        assertThat(raw.getBoolean("deleted")).isTrue();
    }

    @Test
    void aDeletionSeenBeforeThePublicationLeavesATombstoneThatIsAnsweredAtOnce() {
        assertThat(deleted("e2", T0.plusSeconds(5))).isTrue();

        assertThat(changed("e1", "First", T0)).isFalse();
        assertThat(stored().deleted()).isTrue();
        long started = System.nanoTime();
        StepVerifier.create(projection.live(slug)).expectComplete().verify(Duration.ofSeconds(10));
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("a known deletion does not wait for the key to appear")
                .isLessThan(LOOKUP.maxWait());
    }

    @Test
    void aLiveRecordIsFoundByItsKey() {
        changed("e1", "First", T0);

        StepVerifier.create(projection.live(slug))
                .assertNext(story -> assertThat(story.title()).isEqualTo("First"))
                .expectComplete()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void aKeyThatAppearsWhileTheRequestWaitsIsFound() {
        Mono<Boolean> arrivesLate =
                Mono.delay(Duration.ofMillis(400)).then(projection.changed("e1", id, T0, fields("Late")));

        StepVerifier.create(projection.live(slug).zipWith(arrivesLate, (story, applied) -> story))
                .assertNext(story -> assertThat(story.id()).isEqualTo(id))
                .expectComplete()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void anIdThatAppearsWhileTheRequestWaitsIsFoundAndAnUnknownOneIsEmptyAfterTheWait() {
        Mono<Boolean> arrivesLate =
                Mono.delay(Duration.ofMillis(400)).then(projection.changed("e1", id, T0, fields("Late")));

        StepVerifier.create(projection.awaitId(id).zipWith(arrivesLate, (story, applied) -> story))
                .assertNext(story -> assertThat(story.title()).isEqualTo("Late"))
                .expectComplete()
                .verify(Duration.ofSeconds(10));
        long started = System.nanoTime();
        StepVerifier.create(projection.awaitId("never-" + id)).expectComplete().verify(Duration.ofSeconds(10));
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isBetween(Duration.ofMillis(600), Duration.ofSeconds(30));
    }

    @Test
    void withoutWaitingAStoredRecordIsStillFoundByKeyAndById() {
        Projection<StoryCopy> impatient = new Projection<>(
                mongo,
                StoryCopy.COLLECTION,
                StoryCopy.class,
                "slug",
                new ProjectionLookup(Duration.ZERO, Duration.ofMillis(100)));
        changed("e1", "Stored", T0);

        StepVerifier.create(impatient.live(slug))
                .assertNext(story -> assertThat(story.title()).isEqualTo("Stored"))
                .expectComplete()
                .verify(Duration.ofSeconds(10));
        StepVerifier.create(impatient.awaitId(id))
                .assertNext(story -> assertThat(story.title()).isEqualTo("Stored"))
                .expectComplete()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void anUnknownKeyIsEmptyAfterTheBoundedWait() {
        long started = System.nanoTime();

        StepVerifier.create(projection.live("never-" + id)).expectComplete().verify(Duration.ofSeconds(10));

        Duration waited = Duration.ofNanos(System.nanoTime() - started);
        assertThat(waited).isBetween(Duration.ofMillis(600), Duration.ofSeconds(30));
    }

    @Test
    void keysThatCannotExistAreEmptyWithoutWaiting() {
        long started = System.nanoTime();

        for (String impossible : new String[] {null, "", "  ", "x".repeat(Projection.MAX_KEY_LENGTH + 1)}) {
            StepVerifier.create(projection.live(impossible)).expectComplete().verify(Duration.ofSeconds(10));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(LOOKUP.maxWait());
    }

    @Test
    void aKeyTheOwnerWouldNeverMakeIsNotWaitedForButIsStillFoundWhenStored() {
        Projection<StoryCopy> shaped = new Projection<>(
                mongo, StoryCopy.COLLECTION, StoryCopy.class, "slug", LOOKUP, key -> key.startsWith("slug-"));
        long started = System.nanoTime();

        StepVerifier.create(shaped.live("{$ne:null}")).expectComplete().verify(Duration.ofSeconds(10));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(LOOKUP.maxWait());
        changed("e1", "Stored", T0);
        StepVerifier.create(shaped.live(slug))
                .assertNext(story -> assertThat(story.title()).isEqualTo("Stored"))
                .expectComplete()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void articleSlugsHaveTheShapeArticleServiceMakes() {
        assertThat(Projections.ARTICLE_SLUG
                        .matcher("how-to-train-your-dragon-x7k2pq")
                        .matches())
                .isTrue();
        assertThat(Projections.ARTICLE_SLUG.matcher("article-abc234").matches()).isTrue();
        for (String never : new String[] {"0", "null", "a+b", "A-b", "-1", "a--b", "a-b-", ".*", "%24where", "{}"}) {
            assertThat(Projections.ARTICLE_SLUG.matcher(never).matches())
                    .as(never)
                    .isFalse();
        }
    }

    @Test
    void byIdsFindsLiveAndDeletedRecordsAndNothingElse() {
        String other = UUID.randomUUID().toString();
        changed("e1", "First", T0);
        projection.deleted("e2", other, T0, ProjectedFields.none()).block();

        Map<String, StoryCopy> found =
                projection.byIds(List.of(id, other, "unknown-" + id)).block();

        assertThat(found).containsOnlyKeys(id, other);
        assertThat(found.get(other).deleted()).isTrue();
        assertThat(projection.byIds(List.of()).block()).isEmpty();
    }

    private ProjectedFields fields(String title) {
        return ProjectedFields.none().set("slug", slug).set("title", title).set("body", "Text");
    }

    private boolean changed(String eventId, String title, Instant updatedAt) {
        return projection.changed(eventId, id, updatedAt, fields(title)).block();
    }

    private boolean deleted(String eventId, Instant deletedAt) {
        return projection
                .deleted(
                        eventId,
                        id,
                        deletedAt,
                        ProjectedFields.none().set("slug", slug).forget("body"))
                .block();
    }

    private StoryCopy stored() {
        return mongo.findById(id, StoryCopy.class).block();
    }
}
