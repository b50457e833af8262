package dev.newsroom.platform.authors;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import dev.newsroom.infra.junit.SharedInfrastructure;
import dev.newsroom.platform.messaging.CloudEventHeaders;
import dev.newsroom.platform.projection.ProjectedFields;
import dev.newsroom.platform.projection.Projection;
import dev.newsroom.platform.projection.ProjectionLookup;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.messaging.support.MessageBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The profiles a service remembers for a moment in front of its users projection, on the shared
 * store, with every query the store receives recorded and the cache's time moved by hand.
 */
@SharedInfrastructure
class AuthorProfilesCacheTest {

    static final Duration TTL = Duration.ofMillis(500);
    static final Instant T0 = TestUsers.now();
    static final List<Find> finds = new CopyOnWriteArrayList<>();
    /** Run once just before the next query of the users copy starts: "meanwhile, an event arrives". */
    static final AtomicReference<Runnable> beforeNextUsersFind = new AtomicReference<>();

    static MongoClient client;
    static UserProjections copies;

    final AtomicLong nanos = new AtomicLong();
    final String author = UUID.randomUUID().toString();
    final String viewer = UUID.randomUUID().toString();
    CachedUsers cached;
    UserEventsListener listener;
    AuthorProfiles profiles;

    /** One {@code find} the store received: the collection and the ids it asked for. */
    record Find(String collection, List<String> ids) {}

    @BeforeAll
    static void connect() {
        CommandListener recording = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                if (event.getCommandName().equals("find")) {
                    String collection = event.getCommand().getString("find").getValue();
                    finds.add(new Find(collection, idsAskedIn(event.getCommand())));
                    Runnable meanwhile = beforeNextUsersFind.getAndSet(null);
                    if (meanwhile != null && collection.equals(ProjectedUser.COLLECTION)) {
                        meanwhile.run();
                    }
                }
            }
        };
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(System.getProperty("spring.mongodb.uri")))
                .addCommandListener(recording)
                .build());
        ReactiveMongoTemplate mongo = new ReactiveMongoTemplate(client, "newsroom-authors-cache-test");
        ProjectionLookup lookup = new ProjectionLookup(Duration.ZERO, Duration.ZERO);
        copies = new UserProjections(
                new Projection<>(
                        mongo, ProjectedUser.COLLECTION, ProjectedUser.class, "username", lookup, name -> false),
                new Projection<>(mongo, FollowEdge.COLLECTION, FollowEdge.class, "followerId", lookup, id -> false));
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @BeforeEach
    void startWithAnEmptyCache() {
        useCache(TTL);
        finds.clear();
    }

    @Test
    void aRememberedProfileIsServedWithoutAQueryUntilItsTtlRunsOut() {
        register(author, "ada", T0);
        assertThat(profiles.asSeenBy(author, null).block().username()).isEqualTo("ada");
        changeBehindTheCachesBack(author, "ada-renamed", T0.plusSeconds(1));
        finds.clear();

        nanos.addAndGet(TTL.toNanos() - 1);
        assertThat(profiles.asSeenBy(author, null).block().username()).isEqualTo("ada");
        assertThat(finds).isEmpty();

        nanos.addAndGet(1);
        assertThat(profiles.asSeenBy(author, null).block().username()).isEqualTo("ada-renamed");
        assertThat(finds).containsExactly(new Find(ProjectedUser.COLLECTION, List.of(author)));
    }

    @Test
    void aProfileChangeThisInstanceAppliesShowsOnItsNextReadAtOnce() {
        register(author, "ada", T0);
        assertThat(profiles.asSeenBy(author, null).block().username()).isEqualTo("ada");

        apply(UserEvents.PROFILE_UPDATED, TestUsers.profileUpdatedData(author, "ada2", "Bio", null, T0.plusSeconds(1)));

        assertThat(profiles.asSeenBy(author, null).block()).isEqualTo(new AuthorProfile("ada2", "Bio", null, false));
    }

    @Test
    void anAuthorTheCopyDoesNotKnowIsAskedForAgainAndShowsAsSoonAsTheCopyHasThem() {
        assertThat(profiles.asSeenBy(author, null).block()).isEqualTo(AuthorProfile.UNKNOWN);

        changeBehindTheCachesBack(author, "newcomer", T0);

        assertThat(profiles.asSeenBy(author, null).block().username()).isEqualTo("newcomer");
        assertThat(finds)
                .filteredOn(find -> find.collection().equals(ProjectedUser.COLLECTION))
                .hasSize(2);
    }

    @Test
    void aPageAsksTheStoreOnlyForTheAuthorsItDoesNotRememberInOneQuery() {
        List<String> authors = IntStream.range(0, 20)
                .mapToObj(i -> UUID.randomUUID().toString())
                .toList();
        authors.forEach(id -> register(id, "writer-" + id, T0));
        profiles.asSeenBy(authors.subList(0, 5), null).block();
        finds.clear();

        var page = profiles.asSeenBy(authors, null).block();

        assertThat(page)
                .hasSize(20)
                .allSatisfy((id, profile) -> assertThat(profile.username()).isEqualTo("writer-" + id));
        assertThat(finds).singleElement().satisfies(find -> {
            assertThat(find.collection()).isEqualTo(ProjectedUser.COLLECTION);
            assertThat(find.ids()).containsExactlyInAnyOrderElementsOf(authors.subList(5, 20));
        });

        finds.clear();
        assertThat(profiles.asSeenBy(authors, null).block()).hasSize(20);
        assertThat(finds).isEmpty();
    }

    @Test
    void followingIsReadFromTheStoreOnEveryReadWhileTheProfileIsRemembered() {
        register(author, "ada", T0);
        assertThat(profiles.asSeenBy(author, viewer).block().following()).isFalse();
        finds.clear();

        apply(UserEvents.FOLLOWED, TestUsers.followedData(viewer, author, T0.plusSeconds(1)));

        assertThat(profiles.asSeenBy(author, viewer).block()).isEqualTo(new AuthorProfile("ada", null, null, true));
        assertThat(finds).extracting(Find::collection).containsExactly(FollowEdge.COLLECTION);
    }

    @Test
    void aReadThatOverlapsAForgottenProfileDoesNotKeepWhatItRead() {
        register(author, "ada", T0);
        beforeNextUsersFind.set(() -> cached.forget(author));
        profiles.asSeenBy(author, null).block();
        finds.clear();

        profiles.asSeenBy(author, null).block();

        assertThat(finds).containsExactly(new Find(ProjectedUser.COLLECTION, List.of(author)));
    }

    @Test
    void aZeroTtlAsksTheStoreOnEveryRead() {
        useCache(Duration.ZERO);
        register(author, "ada", T0);
        profiles.asSeenBy(author, null).block();
        changeBehindTheCachesBack(author, "ada-renamed", T0.plusSeconds(1));

        assertThat(profiles.asSeenBy(author, null).block().username()).isEqualTo("ada-renamed");
        assertThat(finds)
                .filteredOn(find -> find.collection().equals(ProjectedUser.COLLECTION))
                .hasSize(2);
    }

    private void useCache(Duration ttl) {
        cached = new CachedUsers(copies.users(), ttl, 10_000, nanos::get);
        listener = new UserEventsListener(copies, cached, JsonMapper.builder().build());
        profiles = new AuthorProfiles(copies, cached);
    }

    private void register(String id, String username, Instant at) {
        apply(UserEvents.REGISTERED, TestUsers.registeredData(id, username, null, null, at));
    }

    private void apply(String type, String data) {
        listener.accept(MessageBuilder.withPayload(data.getBytes(StandardCharsets.UTF_8))
                .setHeader(CloudEventHeaders.Attribute.TYPE.header(), type.getBytes(StandardCharsets.UTF_8))
                .setHeader(
                        CloudEventHeaders.Attribute.ID.header(),
                        UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8))
                .build());
    }

    /** As another instance of the service applying the event: this instance's memory is not told. */
    private static void changeBehindTheCachesBack(String id, String username, Instant at) {
        copies.users()
                .changed(
                        UUID.randomUUID().toString(),
                        id,
                        at,
                        ProjectedFields.none()
                                .set("username", username)
                                .set("bio", null)
                                .set("image", null))
                .block();
    }

    private static List<String> idsAskedIn(BsonDocument find) {
        BsonValue id = find.getDocument("filter", new BsonDocument()).get("_id");
        if (id == null || !id.isDocument() || !id.asDocument().containsKey("$in")) {
            return List.of();
        }
        return id.asDocument().getArray("$in").stream()
                .map(value -> value.asString().getValue())
                .toList();
    }
}
