package dev.newsroom.platform.outbox;

import static dev.newsroom.platform.outbox.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import dev.newsroom.platform.tracing.Correlation;
import dev.newsroom.platform.web.RequestIds;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.json.JsonMapper;

/**
 * The relay the auto-configuration starts, on a real broker and store. Its sweep interval is an
 * hour, so everything here goes out because of {@link OutboxRelay#wakeUp()} or a start.
 */
@OutboxTestContext
class OutboxRelayTest {

    private static final String TYPE = "newsroom.story.retitled.v1";
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    OutboxRelay relay;

    @Autowired
    JsonMapper json;

    @Autowired
    InMemorySpanExporter spans;

    @Test
    void appendedEventIsPublishedOnceAsACloudEventAndThenRemoved() {
        String collection = "stories-published";
        String topic = "test.stories-published.v1";
        insert(collection, new Story("story-1", "Draft", List.of()));
        OutboxEvent event = retitled(topic, "story-1", "Final", 1);

        try (TopicReader reader = new TopicReader(topic)) {
            retitle(collection, "story-1", "Final", event);
            relay.wakeUp();

            ConsumerRecord<String, String> record = reader.await(1).get(0);
            assertThat(record.key()).isEqualTo("story-1");
            assertThat(record.value()).isEqualTo(event.data()).isEqualTo(json.writeValueAsString(data(event)));
            assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(header(record, "ce_id")).isEqualTo(event.id());
            assertThat(header(record, "ce_source")).isEqualTo("/newsroom/outbox-test");
            assertThat(header(record, "ce_type")).isEqualTo(TYPE);
            assertThat(header(record, "ce_time")).isEqualTo(event.time().toString());
            assertThat(header(record, "ce_subject")).isEqualTo("story-1");
            assertThat(header(record, "content-type")).isEqualTo("application/json");
            assertThat(header(record, "traceparent"))
                    .as("an event written outside a traced request carries no trace")
                    .isNull();

            await().atMost(DEADLINE).until(() -> pending(collection, "story-1").isEmpty());
            assertThat(reader.readFor(Duration.ofMillis(500))).hasSize(1);
        }
        Document stored = raw(collection, "story-1");
        assertThat(stored.getString("title")).isEqualTo("Final");
        assertThat(stored).doesNotContainKey(OutboxRelay.LEASE_FIELD);
    }

    /**
     * The trace of the request that wrote an event survives the outbox: stored with the event, it is
     * the parent of the relay's publishing span, whose context the record carries for its consumers.
     */
    @Test
    void anEventWrittenInATracedRequestIsPublishedInAChildSpanWhoseContextTheRecordCarries() {
        String collection = "stories-traced";
        String topic = "test.stories-traced.v1";
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        insert(collection, new Story("story-7", "Draft", List.of()));
        OutboxEvent[] written = new OutboxEvent[1];
        RequestIds.logWith(
                new Correlation("req-7", traceId, "00f067aa0ba902b7", true),
                () -> written[0] = retitled(topic, "story-7", "Final", 1));
        assertThat(written[0].traceparent()).isEqualTo("00-" + traceId + "-00f067aa0ba902b7-01");

        try (TopicReader reader = new TopicReader(topic)) {
            retitle(collection, "story-7", "Final", written[0]);
            assertThat(pending(collection, "story-7"))
                    .as("stored with its trace")
                    .containsExactly(written[0]);
            relay.wakeUp();

            ConsumerRecord<String, String> record = reader.await(1).get(0);
            String carried = header(record, "traceparent");
            assertThat(carried)
                    .startsWith("00-" + traceId + "-")
                    .endsWith("-01")
                    .isNotEqualTo(written[0].traceparent());
            assertThat(header(record, "ce_traceparent")).isEqualTo(carried);

            String publishSpan = carried.substring(36, 52);
            await().atMost(DEADLINE)
                    .untilAsserted(() -> assertThat(spans.getFinishedSpanItems())
                            .filteredOn(span -> span.getSpanId().equals(publishSpan))
                            .singleElement()
                            .satisfies(span -> {
                                assertThat(span.getKind()).isEqualTo(SpanKind.PRODUCER);
                                assertThat(span.getName()).isEqualTo("publish " + topic);
                                assertThat(span.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
                                assertThat(span.getTraceId()).isEqualTo(traceId);
                            }));
        }
    }

    @Test
    void eventsOfOneAggregateArriveInOrderOnOnePartition() {
        String collection = "stories-ordered";
        String topic = "test.stories-ordered.v1";
        insert(collection, new Story("story-2", "Draft", List.of()));
        List<OutboxEvent> events = new ArrayList<>();
        for (int revision = 1; revision <= 6; revision++) {
            events.add(retitled(topic, "story-2", "Title " + revision, revision));
        }

        try (TopicReader reader = new TopicReader(topic)) {
            // Two writes, as two requests would make them: the relay may see either or both at once.
            retitle(collection, "story-2", "Title 2", events.get(0), events.get(1));
            relay.wakeUp();
            retitle(collection, "story-2", "Title 6", events.subList(2, 6).toArray(OutboxEvent[]::new));
            relay.wakeUp();

            List<ConsumerRecord<String, String>> records = reader.await(6);
            assertThat(records)
                    .extracting(record -> header(record, "ce_id"))
                    .containsExactlyElementsOf(
                            events.stream().map(OutboxEvent::id).toList());
            assertThat(records)
                    .extracting(ConsumerRecord::partition)
                    .containsOnly(records.get(0).partition());
            assertThat(records)
                    .extracting(ConsumerRecord::value)
                    .containsExactlyElementsOf(
                            events.stream().map(OutboxEvent::data).toList());
        }
    }

    @Test
    void eventsWrittenWhileTheRelayIsStoppedWaitAndGoOutOnceItStarts() {
        String collection = "stories-paused";
        String topic = "test.stories-paused.v1";
        insert(collection, new Story("story-3", "Draft", List.of()));
        OutboxEvent event = retitled(topic, "story-3", "Final", 1);

        try (TopicReader reader = new TopicReader(topic)) {
            relay.stop();
            try {
                retitle(collection, "story-3", "Final", event);
                relay.wakeUp();

                assertThat(reader.readFor(Duration.ofSeconds(1))).isEmpty();
                assertThat(pending(collection, "story-3")).containsExactly(event);
            } finally {
                relay.start();
            }

            ConsumerRecord<String, String> record = reader.await(1).get(0);
            assertThat(header(record, "ce_id")).isEqualTo(event.id());
            await().atMost(DEADLINE).until(() -> pending(collection, "story-3").isEmpty());
        }
    }

    /**
     * A relay that dies after the broker acknowledged an event but before removing it leaves the
     * event in the document, so it is published again with the same {@code ce_id}. Consumers
     * deduplicate on {@code ce_id}; this is the duplicate they have to expect.
     */
    @Test
    void eventLeftPendingAfterPublishingIsPublishedAgainWithTheSameId() {
        String collection = "stories-replayed";
        String topic = "test.stories-replayed.v1";
        insert(collection, new Story("story-4", "Draft", List.of()));
        OutboxEvent event = retitled(topic, "story-4", "Final", 1);

        try (TopicReader reader = new TopicReader(topic)) {
            retitle(collection, "story-4", "Final", event);
            relay.wakeUp();
            reader.await(1);
            await().atMost(DEADLINE).until(() -> pending(collection, "story-4").isEmpty());

            // As if the removal had never happened.
            mongo.updateFirst(query(where("_id").is("story-4")), OutboxEvents.appendTo(new Update(), event), collection)
                    .block();
            relay.wakeUp();

            List<ConsumerRecord<String, String>> records = reader.await(2);
            assertThat(records).hasSize(2);
            assertThat(records).extracting(record -> header(record, "ce_id")).containsOnly(event.id());
            assertThat(records).extracting(ConsumerRecord::value).containsOnly(event.data());
        }
    }

    @Test
    void wakeUpSendsWithoutWaitingForTheSweepAndFoldsManyCallsTogether() {
        String collection = "stories-woken";
        String topic = "test.stories-woken.v1";
        List<String> ids = new ArrayList<>();

        try (TopicReader reader = new TopicReader(topic)) {
            for (int i = 0; i < 20; i++) {
                String id = "story-5-" + i;
                ids.add(id);
                insert(collection, new Story(id, "Draft", List.of()));
                retitle(collection, id, "Final", retitled(topic, id, "Final", 1));
                relay.wakeUp();
            }

            // The interval is an hour: only the wake-ups can have sent these.
            List<ConsumerRecord<String, String>> records = reader.await(20);
            await().atMost(DEADLINE)
                    .until(() ->
                            ids.stream().allMatch(id -> pending(collection, id).isEmpty()));
            assertThat(reader.readFor(Duration.ofMillis(500))).hasSize(20);
            assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrderElementsOf(ids);
        }
    }

    @Test
    void eventsOfAnInsertedDocumentArePublished() {
        String collection = "stories-inserted";
        String topic = "test.stories-inserted.v1";
        OutboxEvent event = retitled(topic, "story-6", "First", 1);

        try (TopicReader reader = new TopicReader(topic)) {
            insert(collection, new Story("story-6", "First", List.of(event)));
            relay.wakeUp();

            ConsumerRecord<String, String> record = reader.await(1).get(0);
            assertThat(header(record, "ce_id")).isEqualTo(event.id());
            assertThat(record.value()).isEqualTo(event.data());
            await().atMost(DEADLINE).until(() -> pending(collection, "story-6").isEmpty());
        }
    }

    private OutboxEvent retitled(String topic, String storyId, String title, int revision) {
        return OutboxEvent.of(topic, TYPE, storyId, new StoryRetitled(storyId, title, revision), json);
    }

    private StoryRetitled data(OutboxEvent event) {
        return json.readValue(event.data(), StoryRetitled.class);
    }

    private void insert(String collection, Story story) {
        mongo.insert(story, collection).block();
    }

    /** The service's side: the change and its events in one single-document update. */
    private void retitle(String collection, String id, String title, OutboxEvent... events) {
        mongo.updateFirst(
                        query(where("_id").is(id)),
                        OutboxEvents.appendTo(new Update().set("title", title), events),
                        Story.class,
                        collection)
                .block();
    }

    private Document raw(String collection, String id) {
        return mongo.findById(id, Document.class, collection).block();
    }

    private List<OutboxEvent> pending(String collection, String id) {
        return OutboxEvents.pendingIn(raw(collection, id));
    }
}
