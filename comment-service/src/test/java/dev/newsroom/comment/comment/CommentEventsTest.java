package dev.newsroom.comment.comment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.contracts.EventContracts;
import dev.newsroom.platform.outbox.OutboxEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Each factory builds its event from the comment alone: keyed by article, about the comment, valid. */
class CommentEventsTest {

    static final Instant POSTED_AT = Instant.parse("2026-11-26T10:00:00.123Z");
    static final Instant LATER = POSTED_AT.plusSeconds(60);
    static final String AUTHOR = "6f1c2d9e-4b1a-4f0e-9a57-3c2b8d7e1f20";
    static final String MODERATOR = "0b8a7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d";

    private final JsonMapper json = JsonMapper.shared();

    @Test
    void aPostedReplyNamesItsParentAndStatusAndATopLevelCommentNoParent() {
        Comment reply = comment(CommentStatus.PUBLISHED).toBuilder()
                .parentId(7L)
                .depth(1)
                .build();

        JsonNode data = valid(CommentEvents.posted(reply, json), CommentEvents.POSTED);
        JsonNode topLevel = valid(CommentEvents.posted(comment(CommentStatus.HELD), json), CommentEvents.POSTED);

        assertThat(data.path("commentId").asLong()).isEqualTo(42);
        assertThat(data.path("authorId").asString()).isEqualTo(AUTHOR);
        assertThat(data.path("parentId").asLong()).isEqualTo(7);
        assertThat(data.path("body").asString()).isEqualTo("Worth reading.");
        assertThat(Instant.parse(data.path("createdAt").asString())).isEqualTo(POSTED_AT);
        assertThat(data.path("status").asString()).isEqualTo("published");
        assertThat(topLevel.has("parentId")).isFalse();
        assertThat(topLevel.path("status").asString()).isEqualTo("held");
    }

    @Test
    void aCommentHeldWhenPostedHasNoPreviousStatusAndItsChecksReasons() {
        JsonNode data = valid(CommentEvents.heldWhenPosted(comment(CommentStatus.HELD), json), CommentEvents.MODERATED);

        assertThat(data.path("decision").asString()).isEqualTo("held");
        assertThat(data.path("previousStatus").isNull()).isTrue();
        assertThat(data.path("reasons").get(0).asString()).isEqualTo("has too many links (at most 2)");
        assertThat(data.path("moderatorId").isNull()).isTrue();
        assertThat(Instant.parse(data.path("moderatedAt").asString())).isEqualTo(POSTED_AT);
    }

    @Test
    void anEditCarriesTheNewBodyAndAnEditThatHoldsAPublishedCommentSaysItWasPublished() {
        Comment published = comment(CommentStatus.PUBLISHED);

        JsonNode edited = valid(CommentEvents.edited(published, "Changed.", LATER, json), CommentEvents.EDITED);
        JsonNode held = valid(
                CommentEvents.heldWhenEdited(published, List.of("contains a link"), LATER, json),
                CommentEvents.MODERATED);

        assertThat(edited.path("body").asString()).isEqualTo("Changed.");
        assertThat(edited.path("authorId").asString()).isEqualTo(AUTHOR);
        assertThat(Instant.parse(edited.path("editedAt").asString())).isEqualTo(LATER);
        assertThat(held.path("previousStatus").asString()).isEqualTo("published");
        assertThat(held.path("reasons").get(0).asString()).isEqualTo("contains a link");
        assertThat(Instant.parse(held.path("createdAt").asString())).isEqualTo(POSTED_AT);
        assertThat(Instant.parse(held.path("moderatedAt").asString())).isEqualTo(LATER);
    }

    @Test
    void aDecisionNamesTheModeratorAndTheStatusTheCommentHadBefore() {
        JsonNode approved = valid(
                CommentEvents.decided(comment(CommentStatus.HELD), CommentStatus.PUBLISHED, MODERATOR, LATER, json),
                CommentEvents.MODERATED);
        JsonNode rejected = valid(
                CommentEvents.decided(comment(CommentStatus.PUBLISHED), CommentStatus.REJECTED, MODERATOR, LATER, json),
                CommentEvents.MODERATED);

        assertThat(approved.path("decision").asString()).isEqualTo("approved");
        assertThat(approved.path("previousStatus").asString()).isEqualTo("held");
        assertThat(approved.path("moderatorId").asString()).isEqualTo(MODERATOR);
        assertThat(rejected.path("decision").asString()).isEqualTo("rejected");
        assertThat(rejected.path("previousStatus").asString()).isEqualTo("published");
    }

    @Test
    void aDeletionSaysWhetherTheCommentWasPublicAndWhyOnlyWhenItWentWithItsArticle() {
        JsonNode byUser = valid(
                CommentEvents.deleted(comment(CommentStatus.PUBLISHED), MODERATOR, null, LATER, json),
                CommentEvents.DELETED);
        JsonNode withArticle = valid(
                CommentEvents.deleted(
                        comment(CommentStatus.HELD), CommentEvents.SYSTEM, CommentEvents.ARTICLE_DELETED, LATER, json),
                CommentEvents.DELETED);

        assertThat(byUser.path("deletedBy").asString()).isEqualTo(MODERATOR);
        assertThat(byUser.has("reason")).isFalse();
        assertThat(byUser.path("wasPublished").asBoolean()).isTrue();
        assertThat(withArticle.path("reason").asString()).isEqualTo(CommentEvents.ARTICLE_DELETED);
        assertThat(withArticle.path("wasPublished").asBoolean()).isFalse();
    }

    /** The event's envelope, checked, and its data, valid against the contract. */
    private JsonNode valid(OutboxEvent event, String type) {
        assertThat(event.type()).isEqualTo(type);
        assertThat(event.topic()).isEqualTo(CommentEvents.TOPIC);
        assertThat(event.key()).isEqualTo("3d2c1b0a-9e8f-4a7b-8c6d-5e4f3a2b1c0d");
        assertThat(event.subject()).isEqualTo("42");
        EventContracts.assertValid(type, event.data());
        JsonNode data = json.readTree(event.data());
        assertThat(data.path("commentId").asLong()).isEqualTo(42);
        assertThat(data.path("articleId").asString()).isEqualTo(event.key());
        return data;
    }

    private static Comment comment(CommentStatus status) {
        return Comment.builder()
                .id(42L)
                .articleId("3d2c1b0a-9e8f-4a7b-8c6d-5e4f3a2b1c0d")
                .authorId(AUTHOR)
                .path(Threads.path(null, POSTED_AT, 42))
                .body("Worth reading.")
                .createdAt(POSTED_AT)
                .updatedAt(POSTED_AT)
                .status(status)
                .moderationReasons(status == CommentStatus.HELD ? List.of("has too many links (at most 2)") : List.of())
                .fingerprint(ModerationChecks.fingerprint("Worth reading."))
                .build();
    }
}
