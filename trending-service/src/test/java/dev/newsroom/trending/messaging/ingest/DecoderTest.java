package dev.newsroom.trending.messaging.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsroom.trending.activity.ActivityOp;
import dev.newsroom.trending.activity.RecentViews;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class DecoderTest {

    final Decoder decoder = new Decoder(JsonMapper.builder().build());
    final RecentViews views = new RecentViews(1800, 300);

    static ConsumerRecord<String, byte[]> record(String type, String json) {
        ConsumerRecord<String, byte[]> record =
                new ConsumerRecord<>("t", 0, 5, "key", json == null ? null : json.getBytes(StandardCharsets.UTF_8));
        if (type != null) {
            record.headers().add("ce_type", type.getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    @Test
    void unknownTypesAndRecordsWithoutATypeAreIgnored() {
        assertThat(decoder.decode(record("newsroom.article.archived.v9", "{}"), "a0", views))
                .isNull();
        assertThat(decoder.decode(record(null, "not json"), "a0", views)).isNull();
    }

    @Test
    void aRecordOfAKnownTypeThatCannotBeReadIsPoison() {
        assertThatThrownBy(() -> decoder.decode(record(InputEvents.VIEWED, "{not json"), "v0", views))
                .isInstanceOf(Decoder.PoisonEvent.class);
        assertThatThrownBy(() -> decoder.decode(record(InputEvents.VIEWED, "{\"articleId\":\"a\"}"), "v0", views))
                .isInstanceOf(Decoder.PoisonEvent.class)
                .hasMessageContaining("viewerKey");
        assertThatThrownBy(() -> decoder.decode(record(InputEvents.FAVORITED, null), "a0", views))
                .isInstanceOf(Decoder.PoisonEvent.class);
        assertThatThrownBy(() -> decoder.decode(
                        record(
                                InputEvents.FAVORITED,
                                "{\"articleId\":\"a\",\"userId\":\"$where.x\",\"favoritedAt\":\"2026-11-26T10:00:00Z\"}"),
                        "a0",
                        views))
                .isInstanceOf(Decoder.PoisonEvent.class)
                .hasMessageContaining("userId");
    }

    @Test
    void idsThatCanBeDocumentKeysAreLettersDigitsUnderscoresAndHyphensUpTo64() {
        assertThat(Decoder.isKey("3f2b8c1e-9d4a-4f6e-8b1a-0c2d3e4f5a6b")).isTrue();
        assertThat(Decoder.isKey("user_42")).isTrue();
        assertThat(Decoder.isKey("x".repeat(64))).isTrue();
        assertThat(Decoder.isKey("x".repeat(65))).isFalse();
        assertThat(Decoder.isKey("")).isFalse();
        for (String unsafe : new String[] {"a.b", "$where", "a b", "é", "a/b", "a\u0000"}) {
            assertThat(Decoder.isKey(unsafe)).as(unsafe).isFalse();
        }
    }

    @Test
    void aWithdrawalDeletesTheArticleAtItsOwnOffset() {
        String withdrawn = "{\"articleId\":\"a\",\"slug\":\"a-story-1a2b3c\",\"withdrawnAt\":\"2026-11-26T14:30:00Z\"}";

        assertThat(decoder.decode(record(InputEvents.WITHDRAWN, withdrawn), "a0", views))
                .isEqualTo(new ActivityOp.Deleted("a", "a0", 5));
        assertThatThrownBy(() -> decoder.decode(record(InputEvents.WITHDRAWN, "{\"slug\":\"a-story\"}"), "a0", views))
                .isInstanceOf(Decoder.PoisonEvent.class)
                .hasMessageContaining("articleId");
    }

    @Test
    void heldCommentsDoNotCountUntilApproved() {
        String held =
                "{\"commentId\":7,\"articleId\":\"a\",\"createdAt\":\"2026-11-26T10:00:00Z\",\"status\":\"held\"}";
        assertThat(decoder.decode(record(InputEvents.COMMENT_POSTED, held), "c0", views))
                .isNull();

        String approved = "{\"commentId\":7,\"articleId\":\"a\",\"decision\":\"approved\",\"previousStatus\":\"held\","
                + "\"createdAt\":\"2026-11-26T10:00:00Z\"}";
        assertThat(decoder.decode(record(InputEvents.COMMENT_MODERATED, approved), "c0", views))
                .isInstanceOf(ActivityOp.CommentShown.class);
    }

    @Test
    void aDeletionWithoutWasPublishedComesFromAProducerThatPublishedEveryComment() {
        String deleted = "{\"commentId\":7,\"articleId\":\"a\",\"deletedAt\":\"2026-11-26T10:00:00Z\"}";

        ActivityOp op = decoder.decode(record(InputEvents.COMMENT_DELETED, deleted), "c0", views);

        assertThat(op).isEqualTo(new ActivityOp.CommentHidden("a", "c0", 5, "7", null, true));
    }
}
