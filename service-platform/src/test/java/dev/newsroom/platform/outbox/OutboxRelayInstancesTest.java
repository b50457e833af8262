package dev.newsroom.platform.outbox;

import static dev.newsroom.platform.outbox.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import dev.newsroom.infra.Ports;
import dev.newsroom.platform.tracing.MessageTraces;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.mock.env.MockEnvironment;
import tools.jackson.databind.json.JsonMapper;

/**
 * Relays built here rather than by the auto-configuration, for what needs its own settings: a short
 * sweep interval, a broker nobody listens on, several instances of one service. Their collections
 * are not among those the context's relay serves.
 */
@OutboxTestContext
class OutboxRelayInstancesTest {

    private static final String TYPE = "newsroom.story.retitled.v1";
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    JsonMapper json;

    private final List<OutboxRelay> relays = new ArrayList<>();

    @AfterEach
    void stopRelays() throws Exception {
        for (OutboxRelay relay : relays) {
            relay.stop();
            relay.destroy();
        }
    }

    @Test
    void periodicSweepPublishesEventsNobodyAnnounced() {
        String collection = "stories-swept";
        String topic = "test.stories-swept.v1";
        OutboxRelay relay = relay(collection, Duration.ofMillis(100), brokers(), new SimpleMeterRegistry());
        relay.start();
        OutboxEvent event = retitled(topic, "story-7");

        try (TopicReader reader = new TopicReader(topic)) {
            // Written as by an instance that crashed before it could relay: nobody calls wakeUp().
            insert(collection, new Story("story-7", "Draft", List.of(event)));

            assertThat(header(reader.await(1).get(0), "ce_id")).isEqualTo(event.id());
            await().atMost(DEADLINE).until(() -> pending(collection, "story-7").isEmpty());
        }
    }

    @Test
    void eventsStayPendingAndAgeWhileTheBrokerIsUnreachableAndGoOutLater() throws Exception {
        String collection = "stories-unreachable";
        String topic = "test.stories-unreachable.v1";
        MeterRegistry meters = new SimpleMeterRegistry();
        OutboxRelay cutOff = relay(collection, Duration.ofHours(1), "127.0.0.1:" + Ports.free(), meters);
        cutOff.start();
        List<OutboxEvent> events = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            OutboxEvent event = retitled(topic, "story-8-" + i);
            events.add(event);
            insert(collection, new Story(event.key(), "Draft", List.of(event)));
        }

        cutOff.wakeUp();
        await().atMost(DEADLINE).until(() -> failures(meters) > 0);
        for (OutboxEvent event : events) {
            assertThat(pending(collection, event.key())).containsExactly(event);
        }
        assertThat(meters.get("newsroom.outbox.failing").gauge().value()).isPositive();
        await().atMost(DEADLINE)
                .until(() -> meters.get("newsroom.outbox.pending").gauge().value() == 3);
        await().atMost(DEADLINE)
                .until(() -> meters.get("newsroom.outbox.oldest.age").gauge().value() > 0.2);
        cutOff.stop();

        try (TopicReader reader = new TopicReader(topic)) {
            MeterRegistry reconnected = new SimpleMeterRegistry();
            relay(collection, Duration.ofHours(1), brokers(), reconnected).start();

            assertThat(reader.await(3))
                    .extracting(record -> header(record, "ce_id"))
                    .containsExactlyInAnyOrderElementsOf(
                            events.stream().map(OutboxEvent::id).toList());
            await().atMost(DEADLINE)
                    .until(() -> events.stream()
                            .allMatch(event -> pending(collection, event.key()).isEmpty()));
            await().atMost(DEADLINE)
                    .until(() ->
                            reconnected.get("newsroom.outbox.pending").gauge().value() == 0
                                    && reconnected
                                                    .get("newsroom.outbox.oldest.age")
                                                    .gauge()
                                                    .value()
                                            == 0);
        }
    }

    @Test
    void twoInstancesOfAServicePublishEachEventOnce() {
        String collection = "stories-shared";
        String topic = "test.stories-shared.v1";
        OutboxRelay first = relay(collection, Duration.ofMillis(50), brokers(), new SimpleMeterRegistry());
        OutboxRelay second = relay(collection, Duration.ofMillis(50), brokers(), new SimpleMeterRegistry());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String id = "story-9-" + i;
            ids.add(id);
            insert(collection, new Story(id, "Draft", List.of(retitled(topic, id), retitled(topic, id))));
        }

        try (TopicReader reader = new TopicReader(topic)) {
            first.start();
            second.start();

            reader.await(60);
            await().atMost(DEADLINE)
                    .until(() ->
                            ids.stream().allMatch(id -> pending(collection, id).isEmpty()));
            List<ConsumerRecord<String, String>> records = reader.readFor(Duration.ofMillis(500));
            assertThat(records).extracting(record -> header(record, "ce_id")).doesNotHaveDuplicates();
            assertThat(records).hasSize(60);
        }
    }

    private OutboxRelay relay(String collection, Duration interval, String brokers, MeterRegistry meters) {
        OutboxProperties properties = new OutboxProperties(
                true,
                "/newsroom/outbox-test",
                List.of(collection),
                interval,
                100,
                Duration.ofSeconds(30),
                Duration.ofSeconds(2),
                Duration.ofMillis(200),
                Map.of());
        MockEnvironment environment =
                new MockEnvironment().withProperty("spring.cloud.stream.kafka.binder.brokers", brokers);
        OutboxRelay relay = new OutboxRelay(
                mongo,
                OutboxAutoConfiguration.producerFactory(properties, environment),
                properties,
                meters,
                MessageTraces.OFF);
        relays.add(relay);
        return relay;
    }

    private static String brokers() {
        return System.getProperty("spring.cloud.stream.kafka.binder.brokers");
    }

    private static double failures(MeterRegistry meters) {
        return meters.get("newsroom.outbox.failures").counter().count();
    }

    private OutboxEvent retitled(String topic, String storyId) {
        return OutboxEvent.of(topic, TYPE, storyId, new StoryRetitled(storyId, "Final", 1), json);
    }

    private void insert(String collection, Story story) {
        mongo.insert(story, collection).block();
    }

    private List<OutboxEvent> pending(String collection, String id) {
        Document document = mongo.findOne(query(where("_id").is(id)), Document.class, collection)
                .block();
        return OutboxEvents.pendingIn(document);
    }
}
