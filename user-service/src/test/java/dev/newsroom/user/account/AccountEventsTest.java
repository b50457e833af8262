package dev.newsroom.user.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.contracts.EventContracts;
import dev.newsroom.platform.messaging.TopicReader;
import dev.newsroom.platform.outbox.OutboxRelay;
import dev.newsroom.user.UserServiceTest;
import dev.newsroom.user.web.Api;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

@UserServiceTest
class AccountEventsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    WebTestClient web;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    OutboxRelay relay;

    TopicReader topic;

    @BeforeEach
    void subscribe() {
        topic = new TopicReader(AccountEvents.TOPIC);
    }

    @AfterEach
    void close() {
        topic.close();
        if (!relay.isRunning()) {
            relay.start();
        }
    }

    @Test
    void registrationPublishesUserRegisteredOnceWithCloudEventsHeaders() {
        Api.Registered user = new Api(web).register("evt");
        String userId = accountOf(user.username()).id();

        List<TopicReader.Event> events = topic.await(
                event -> userId.equals(event.key()) && AccountEvents.REGISTERED.equals(event.type()), 1, WAIT);

        assertThat(events).hasSize(1);
        TopicReader.Event registered = events.get(0);
        assertThat(registered.headers())
                .containsEntry("ce_specversion", "1.0")
                .containsEntry("ce_source", "/newsroom/user-service")
                .containsEntry("ce_subject", userId)
                .containsEntry("content-type", "application/json")
                .containsKeys("ce_id", "ce_time");
        EventContracts.assertValid(AccountEvents.REGISTERED, registered.value());
        assertThat(registered.value())
                .contains(user.username())
                .doesNotContain(user.email())
                .doesNotContain("password");
        assertThat(topic.settle(event -> userId.equals(event.key()), Duration.ofSeconds(2)))
                .as("nothing else and no duplicate")
                .hasSize(1);
    }

    @Test
    void followUnfollowAndProfileChangesPublishTheirEvents() {
        Api api = new Api(web);
        Api.Registered reader = api.register("evtreader");
        Api.Registered writer = api.register("evtwriter");
        String readerId = accountOf(reader.username()).id();
        String auth = "Token " + reader.token();

        web.post()
                .uri("/api/profiles/" + writer.username() + "/follow")
                .header(HttpHeaders.AUTHORIZATION, auth)
                .exchange();
        web.post()
                .uri("/api/profiles/" + writer.username() + "/follow")
                .header(HttpHeaders.AUTHORIZATION, auth)
                .exchange();
        web.delete()
                .uri("/api/profiles/" + writer.username() + "/follow")
                .header(HttpHeaders.AUTHORIZATION, auth)
                .exchange();
        web.put()
                .uri("/api/user")
                .header(HttpHeaders.AUTHORIZATION, auth)
                .bodyValue(Map.of("user", Map.of("bio", "Reads a lot")))
                .exchange()
                .expectStatus()
                .isOk();

        List<TopicReader.Event> events = topic.await(event -> readerId.equals(event.key()), 4, WAIT);
        List<String> types = topic.settle(event -> readerId.equals(event.key()), Duration.ofSeconds(2)).stream()
                .map(TopicReader.Event::type)
                .toList();
        assertThat(types)
                .as("following twice publishes once")
                .containsExactlyInAnyOrder(
                        AccountEvents.REGISTERED,
                        AccountEvents.FOLLOWED,
                        AccountEvents.UNFOLLOWED,
                        AccountEvents.PROFILE_UPDATED);
        // Order holds per aggregate: the account's events in order, the follow's in order. The two
        // are relayed independently, so an unfollow and a later profile change may swap (seen in CI).
        assertThat(types.indexOf(AccountEvents.REGISTERED)).isLessThan(types.indexOf(AccountEvents.PROFILE_UPDATED));
        assertThat(types.indexOf(AccountEvents.FOLLOWED)).isLessThan(types.indexOf(AccountEvents.UNFOLLOWED));
        events.forEach(event -> EventContracts.assertValid(event.type(), event.value()));
    }

    @Test
    void eventsWrittenWhileTheRelayIsStoppedStayPendingAndGoOutOnceWhenItRestarts() {
        relay.stop();
        Api.Registered user = new Api(web).register("paused");
        Account account = accountOf(user.username());

        assertThat(account.outbox()).as("pending in the account document").hasSize(1);
        assertThat(topic.settle(event -> account.id().equals(event.key()), Duration.ofSeconds(2)))
                .isEmpty();

        relay.start();

        assertThat(topic.await(event -> account.id().equals(event.key()), 1, WAIT))
                .hasSize(1);
        assertThat(topic.settle(event -> account.id().equals(event.key()), Duration.ofSeconds(2)))
                .hasSize(1);
        assertThat(pendingEvents(account.id())).isZero();
    }

    private Account accountOf(String username) {
        return mongo.findOne(new Query(Criteria.where("username").is(username)), Account.class)
                .block();
    }

    private int pendingEvents(String id) {
        Document stored = mongo.findById(id, Document.class, Account.COLLECTION).block();
        List<?> outbox = stored.getList("outbox", Object.class);
        return outbox == null ? 0 : outbox.size();
    }
}
