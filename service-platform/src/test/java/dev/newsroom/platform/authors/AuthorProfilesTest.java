package dev.newsroom.platform.authors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import dev.newsroom.infra.junit.SharedInfrastructure;
import dev.newsroom.platform.messaging.CloudEventHeaders;
import dev.newsroom.platform.messaging.EventMessages.UnreadableEvent;
import dev.newsroom.platform.projection.Projection;
import dev.newsroom.platform.projection.ProjectionLookup;
import dev.newsroom.platform.security.CurrentUser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * The users projection and the profiles read from it, applied through the listener on the shared
 * store, with every command the store receives counted.
 */
@SharedInfrastructure
class AuthorProfilesTest {

    static final ProjectionLookup LOOKUP = new ProjectionLookup(Duration.ofSeconds(2), Duration.ofMillis(50));
    static final Instant T0 = TestUsers.now();
    static final List<String> finds = new CopyOnWriteArrayList<>();

    static MongoClient client;
    static UserProjections copies;
    static UserEventsListener listener;
    static AuthorProfiles profiles;

    final String author = UUID.randomUUID().toString();
    final String viewer = UUID.randomUUID().toString();

    @BeforeAll
    static void connect() {
        CommandListener counting = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                if (event.getCommandName().equals("find")) {
                    finds.add(event.getCommand().getString("find").getValue());
                }
            }
        };
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(System.getProperty("spring.mongodb.uri")))
                .addCommandListener(counting)
                .build());
        ReactiveMongoTemplate mongo = new ReactiveMongoTemplate(client, "newsroom-authors-test");
        copies = new UserProjections(
                new Projection<>(
                        mongo, ProjectedUser.COLLECTION, ProjectedUser.class, "username", LOOKUP, name -> false),
                new Projection<>(mongo, FollowEdge.COLLECTION, FollowEdge.class, "followerId", LOOKUP, id -> false));
        copies.createIndexes();
        // Without the profiles' memory: these tests count what the store is asked (AuthorProfilesCacheTest has it on).
        CachedUsers uncached = new CachedUsers(copies.users(), Duration.ZERO, 1, Ticker.systemTicker());
        listener = new UserEventsListener(copies, uncached, JsonMapper.builder().build());
        profiles = new AuthorProfiles(copies, uncached);
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @BeforeEach
    void forgetCommands() {
        finds.clear();
    }

    @Test
    void aRegisteredAuthorIsShownWithTheProfileTheEventCarries() {
        register(author, "ada-" + author, "Writes.", "https://img.example/ada.png", T0);

        assertThat(profiles.asSeenBy(author, null).block())
                .isEqualTo(new AuthorProfile("ada-" + author, "Writes.", "https://img.example/ada.png", false));
    }

    @Test
    void anAuthorTheProjectionDoesNotKnowIsShownWithNullsAndNotFollowed() {
        assertThat(profiles.asSeenBy(author, viewer).block()).isEqualTo(AuthorProfile.UNKNOWN);
        assertThat(AuthorProfile.UNKNOWN).isEqualTo(new AuthorProfile(null, null, null, false));
    }

    @Test
    void aProfileUpdateReplacesTheProfileAndARegistrationReplayedAfterItDoesNotUndoIt() {
        register(author, "old-" + author, null, null, T0);
        apply(
                UserEvents.PROFILE_UPDATED,
                TestUsers.profileUpdatedData(author, "new-" + author, "Bio", null, T0.plusSeconds(5)));

        register(author, "old-" + author, null, null, T0);

        assertThat(profiles.asSeenBy(author, null).block())
                .isEqualTo(new AuthorProfile("new-" + author, "Bio", null, false));
        assertThat(profiles.idOf("new-" + author).block()).contains(author);
        assertThat(profiles.idOf("old-" + author).block()).isEmpty();
    }

    @Test
    void followingIsForTheViewerWhoFollowsOnlyAndAnUnfollowCanBeUndone() {
        String other = UUID.randomUUID().toString();
        register(author, "author-" + author, null, null, T0);
        apply(UserEvents.FOLLOWED, TestUsers.followedData(viewer, author, T0.plusSeconds(1)));

        assertThat(profiles.asSeenBy(author, viewer).block().following()).isTrue();
        assertThat(profiles.asSeenBy(author, other).block().following()).isFalse();
        assertThat(profiles.asSeenBy(author, null).block().following()).isFalse();

        apply(UserEvents.UNFOLLOWED, TestUsers.unfollowedData(viewer, author, T0.plusSeconds(2)));
        assertThat(profiles.asSeenBy(author, viewer).block().following()).isFalse();

        apply(UserEvents.FOLLOWED, TestUsers.followedData(viewer, author, T0.plusSeconds(3)));
        assertThat(profiles.asSeenBy(author, viewer).block().following()).isTrue();
    }

    @Test
    void aStaleUnfollowArrivingAfterALaterFollowChangesNothing() {
        register(author, "author-" + author, null, null, T0);
        apply(UserEvents.FOLLOWED, TestUsers.followedData(viewer, author, T0.plusSeconds(3)));

        apply(UserEvents.UNFOLLOWED, TestUsers.unfollowedData(viewer, author, T0.plusSeconds(2)));

        assertThat(profiles.asSeenBy(author, viewer).block().following()).isTrue();
    }

    @Test
    void aPageOfAuthorsCostsOneQueryForProfilesAndOneForTheViewersFollowsAndAnAnonymousPageOnlyTheFirst() {
        List<String> authors = IntStream.range(0, 20)
                .mapToObj(i -> UUID.randomUUID().toString())
                .toList();
        authors.forEach(id -> register(id, "writer-" + id, null, null, T0));
        apply(UserEvents.FOLLOWED, TestUsers.followedData(viewer, authors.get(3), T0));
        finds.clear();

        Map<String, AuthorProfile> seen = profiles.asSeenBy(authors, viewer).block();

        assertThat(seen).hasSize(20);
        assertThat(seen.entrySet().stream().filter(e -> e.getValue().following()))
                .singleElement()
                .satisfies(e -> assertThat(e.getKey()).isEqualTo(authors.get(3)));
        assertThat(finds).containsExactlyInAnyOrder(ProjectedUser.COLLECTION, FollowEdge.COLLECTION);

        finds.clear();
        assertThat(profiles.asSeenBy(authors, null).block()).hasSize(20);
        assertThat(finds).containsExactly(ProjectedUser.COLLECTION);
    }

    @Test
    void aWritersProfileThatArrivesWhileTheAnswerWaitsIsShown() {
        Mono<Void> arrivesLate = Mono.delay(Duration.ofMillis(300))
                .then(Mono.<Void>fromRunnable(() -> register(author, "late-" + author, "Bio", null, T0))
                        .subscribeOn(Schedulers.boundedElastic()));

        AuthorProfile shown = profiles.afterWrite(author, writer(author, "token-name"))
                .zipWith(arrivesLate.thenReturn(true), (profile, done) -> profile)
                .block(Duration.ofSeconds(10));

        assertThat(shown).isEqualTo(new AuthorProfile("late-" + author, "Bio", null, false));
    }

    @Test
    void whenTheWaitRunsOutTheWriterIsShownByTheirTokensNameAndAnotherAuthorIsNotWaitedFor() {
        long started = System.nanoTime();

        assertThat(profiles.afterWrite(author, writer(author, "token-name")).block())
                .isEqualTo(new AuthorProfile("token-name", null, null, false));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
        started = System.nanoTime();
        assertThat(profiles.afterWrite(author, writer(viewer, "someone")).block())
                .isEqualTo(AuthorProfile.UNKNOWN);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1500));
    }

    @Test
    void aUsernameNobodyHasResolvesToNothingAtOnce() {
        long started = System.nanoTime();

        assertThat(profiles.idOf("nobody-" + author).block()).isEqualTo(Optional.empty());
        assertThat(profiles.idOf("").block()).isEqualTo(Optional.empty());

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(LOOKUP.maxWait());
    }

    @Test
    void eventsWithoutWhatTheProjectionNeedsAreUnreadableAndOtherTypesAreIgnored() {
        assertThatThrownBy(() -> apply(UserEvents.REGISTERED, "{\"userId\":\"" + author + "\"}"))
                .isInstanceOf(UnreadableEvent.class)
                .hasMessageStartingWith("missing ");
        assertThatThrownBy(() -> apply(UserEvents.FOLLOWED, "{\"followerId\": nope"))
                .isInstanceOf(UnreadableEvent.class);

        apply("newsroom.user.password-changed.v9", "not even JSON");

        assertThat(profiles.asSeenBy(author, null).block()).isEqualTo(AuthorProfile.UNKNOWN);
    }

    private static CurrentUser writer(String id, String username) {
        return new CurrentUser(id, username, Set.of());
    }

    private static void register(String id, String username, String bio, String image, Instant at) {
        apply(UserEvents.REGISTERED, TestUsers.registeredData(id, username, bio, image, at));
    }

    private static void apply(String type, String data) {
        listener.accept(message(type, UUID.randomUUID().toString(), data));
    }

    private static Message<byte[]> message(String type, String id, String data) {
        return MessageBuilder.withPayload(data.getBytes(StandardCharsets.UTF_8))
                .setHeader(CloudEventHeaders.Attribute.TYPE.header(), type.getBytes(StandardCharsets.UTF_8))
                .setHeader(CloudEventHeaders.Attribute.ID.header(), id.getBytes(StandardCharsets.UTF_8))
                .build();
    }
}
