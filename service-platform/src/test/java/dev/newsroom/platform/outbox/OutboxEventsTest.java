package dev.newsroom.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.json.JsonMapper;

/**
 * How events are stored: the relay reads the documents without Spring Data's mapping, so what a
 * service writes through its entity class and through {@link OutboxEvents#appendTo} must be the same
 * shape. The collection is not one the relay serves, so nothing here is published.
 */
@OutboxTestContext
class OutboxEventsTest {

    private static final String COLLECTION = "stories-mapped";

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    JsonMapper json;

    @Test
    void ofSerialisesTheDataAndNamesTheAggregate() {
        StoryRetitled data = new StoryRetitled("story-10", "Final", 3);

        OutboxEvent event = OutboxEvent.of("newsroom.stories.v1", "newsroom.story.retitled.v1", "story-10", data, json);

        assertThat(UUID.fromString(event.id())).isNotNull();
        assertThat(event.key()).isEqualTo("story-10");
        assertThat(event.subject()).isEqualTo("story-10");
        assertThat(event.time()).isEqualTo(event.time().truncatedTo(ChronoUnit.MILLIS));
        assertThat(json.readValue(event.data(), StoryRetitled.class)).isEqualTo(data);
    }

    @Test
    void aggregateWithPendingEventsRoundTripsThroughSpringData() {
        List<OutboxEvent> events = List.of(event("story-11", 1), event("story-11", 2));
        Story story = new Story("story-11", "Draft", events);

        mongo.insert(story, COLLECTION).block();

        assertThat(mongo.findById("story-11", Story.class, COLLECTION).block()).isEqualTo(story);
        Document stored = raw("story-11");
        Document first = stored.getList(OutboxEvents.FIELD, Document.class).get(0);
        assertThat(first).containsKeys("id", "type", "topic", "key", "subject", "time", "data");
        assertThat(first).doesNotContainKey("_id");
        assertThat(first.get("time")).isInstanceOf(Date.class);
        assertThat(OutboxEvents.pendingIn(stored)).isEqualTo(events);
    }

    @Test
    void appendToAddsEventsInOrderInTheSameUpdateAsTheChange() {
        mongo.insert(new Story("story-12", "Draft", List.of()), COLLECTION).block();
        OutboxEvent first = event("story-12", 1);
        OutboxEvent second = event("story-12", 2);

        mongo.updateFirst(
                        query(where("_id").is("story-12")),
                        OutboxEvents.appendTo(new Update().set("title", "Final"), first, second),
                        Story.class,
                        COLLECTION)
                .block();
        OutboxEvent third = event("story-12", 3);
        mongo.updateFirst(query(where("_id").is("story-12")), OutboxEvents.appendTo(new Update(), third), COLLECTION)
                .block();

        Story stored = mongo.findById("story-12", Story.class, COLLECTION).block();
        assertThat(stored.title()).isEqualTo("Final");
        assertThat(stored.outbox()).containsExactly(first, second, third);
        assertThat(OutboxEvents.pendingIn(raw("story-12"))).containsExactly(first, second, third);
    }

    private OutboxEvent event(String storyId, int revision) {
        return OutboxEvent.of(
                "newsroom.stories.v1",
                "newsroom.story.retitled.v1",
                storyId,
                new StoryRetitled(storyId, "Title " + revision, revision),
                json);
    }

    private Document raw(String id) {
        return mongo.findById(id, Document.class, COLLECTION).block();
    }
}
