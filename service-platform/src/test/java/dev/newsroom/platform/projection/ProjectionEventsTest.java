package dev.newsroom.platform.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsroom.platform.messaging.CloudEventHeaders;
import dev.newsroom.platform.messaging.EventMessages.UnreadableEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The dispatch on the CloudEvents type every projection's listener goes through. */
class ProjectionEventsTest {

    static final String PUBLISHED = "newsroom.story.published.v1";
    static final String UPDATED = "newsroom.story.updated.v1";
    static final String DELETED = "newsroom.story.deleted.v1";

    record StoryChanged(String storyId, String title, Instant updatedAt) {}

    record StoryDeleted(String storyId, Instant deletedAt) {}

    final List<String> applied = new ArrayList<>();
    final ProjectionEvents events = ProjectionEvents.reading(
                    JsonMapper.builder().build())
            .on(PUBLISHED, StoryChanged.class, this::change)
            .on(UPDATED, StoryChanged.class, this::change)
            .on(DELETED, StoryDeleted.class, this::deletion);

    @Test
    void changeTypesGoToTheChangeWithTheEventIdAndTheData() {
        events.apply(message(PUBLISHED, "e1", "{\"storyId\":\"s1\",\"title\":\"One\",\"extra\":1}"));
        events.apply(message(UPDATED, "e2", "{\"storyId\":\"s1\",\"title\":\"Two\"}"));

        assertThat(applied).containsExactly("changed e1 s1 One", "changed e2 s1 Two");
    }

    @Test
    void deletionTypesGoToTheDeletion() {
        events.apply(message(DELETED, "e3", "{\"storyId\":\"s1\",\"deletedAt\":\"2026-11-26T12:00:00Z\"}"));

        assertThat(applied).containsExactly("deleted e3 s1 2026-11-26T12:00:00Z");
    }

    @Test
    void unknownTypesAndRecordsWithoutATypeAreIgnoredUnread() {
        events.apply(message("newsroom.story.reviewed.v9", "e4", "not even JSON"));
        events.apply(message(null, "e5", "not even JSON"));

        assertThat(applied).isEmpty();
    }

    @Test
    void aKnownTypeWithoutAnEventIdOrWithUnreadableDataIsADeadLetter() {
        assertThatThrownBy(() -> events.apply(message(PUBLISHED, null, "{\"storyId\":\"s1\"}")))
                .isInstanceOf(UnreadableEvent.class)
                .hasMessage("missing event id");
        assertThatThrownBy(() -> events.apply(message(DELETED, "e6", "{\"storyId\": not json")))
                .isInstanceOf(UnreadableEvent.class)
                .hasMessageStartingWith("not valid StoryDeleted JSON");
        assertThat(applied).isEmpty();
    }

    @Test
    void aFailingWriteFailsTheRecordSoThatTheBinderRetriesIt() {
        ProjectionEvents failing = events.on(
                UPDATED, StoryChanged.class, (eventId, data) -> Mono.error(new IllegalStateException("store down")));

        assertThatThrownBy(() -> failing.apply(message(UPDATED, "e7", "{\"storyId\":\"s1\"}")))
                .hasMessageContaining("store down");
    }

    private Mono<Boolean> change(String eventId, StoryChanged data) {
        applied.add("changed " + eventId + " " + data.storyId() + " " + data.title());
        return Mono.just(true);
    }

    private Mono<Boolean> deletion(String eventId, StoryDeleted data) {
        applied.add("deleted " + eventId + " " + data.storyId() + " " + data.deletedAt());
        return Mono.just(true);
    }

    private static Message<byte[]> message(String type, String id, String data) {
        MessageBuilder<byte[]> message = MessageBuilder.withPayload(data.getBytes(StandardCharsets.UTF_8));
        if (type != null) {
            message.setHeader(CloudEventHeaders.Attribute.TYPE.header(), type.getBytes(StandardCharsets.UTF_8));
        }
        if (id != null) {
            message.setHeader(CloudEventHeaders.Attribute.ID.header(), id.getBytes(StandardCharsets.UTF_8));
        }
        return message.build();
    }
}
