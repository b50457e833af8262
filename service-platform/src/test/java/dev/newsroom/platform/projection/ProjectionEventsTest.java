package dev.newsroom.platform.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonAlias;
import dev.newsroom.contracts.EventContracts;
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

    /** A consumer's record of an article's removal, as {@link ProjectionEvents#ofArticles} asks for it. */
    record ArticleRemoved(
            String articleId,
            String slug,
            @JsonAlias({"deletedAt", "withdrawnAt"}) Instant removedAt) {}

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
    void anArticleWithdrawalTakesTheDeletionPathWithItsOwnTime() {
        ProjectionEvents articles = ProjectionEvents.ofArticles(
                JsonMapper.builder().build(), StoryChanged.class, this::change, ArticleRemoved.class, this::removal);

        articles.apply(message(
                ProjectionEvents.ARTICLE_DELETED, "e1", EventContracts.example(ProjectionEvents.ARTICLE_DELETED)));
        articles.apply(message(
                ProjectionEvents.ARTICLE_WITHDRAWN, "e2", EventContracts.example(ProjectionEvents.ARTICLE_WITHDRAWN)));

        assertThat(applied)
                .containsExactly(
                        "removed e1 how-the-tide-turned-1a2b3c 2026-11-26T12:00:00Z",
                        "removed e2 how-the-tide-turned-1a2b3c 2026-11-26T14:30:00Z");
    }

    @Test
    void aServiceMayHandleAWithdrawalOtherwiseThanADeletion() {
        ProjectionEvents articles = ProjectionEvents.ofArticles(
                        JsonMapper.builder().build(),
                        StoryChanged.class,
                        this::change,
                        ArticleRemoved.class,
                        this::removal)
                .on(ProjectionEvents.ARTICLE_WITHDRAWN, ArticleRemoved.class, (eventId, data) -> {
                    applied.add("withdrawn " + eventId + " " + data.slug());
                    return Mono.just(true);
                });

        articles.apply(message(
                ProjectionEvents.ARTICLE_WITHDRAWN, "e3", EventContracts.example(ProjectionEvents.ARTICLE_WITHDRAWN)));
        articles.apply(message(
                ProjectionEvents.ARTICLE_DELETED, "e4", EventContracts.example(ProjectionEvents.ARTICLE_DELETED)));

        assertThat(applied)
                .containsExactly(
                        "withdrawn e3 how-the-tide-turned-1a2b3c",
                        "removed e4 how-the-tide-turned-1a2b3c 2026-11-26T12:00:00Z");
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

    private Mono<Boolean> removal(String eventId, ArticleRemoved data) {
        applied.add("removed " + eventId + " " + data.slug() + " " + data.removedAt());
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
