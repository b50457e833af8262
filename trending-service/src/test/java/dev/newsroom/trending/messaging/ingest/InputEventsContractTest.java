package dev.newsroom.trending.messaging.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.newsroom.contracts.EventContracts;
import dev.newsroom.trending.activity.ActivityOp;
import dev.newsroom.trending.activity.RecentViews;
import dev.newsroom.trending.messaging.ingest.InputEvents.ArticleChanged;
import dev.newsroom.trending.messaging.ingest.InputEvents.ArticleFavorited;
import dev.newsroom.trending.messaging.ingest.InputEvents.ArticleRemoved;
import dev.newsroom.trending.messaging.ingest.InputEvents.ArticleUnfavorited;
import dev.newsroom.trending.messaging.ingest.InputEvents.ArticleViewed;
import dev.newsroom.trending.messaging.ingest.InputEvents.CommentDeleted;
import dev.newsroom.trending.messaging.ingest.InputEvents.CommentModerated;
import dev.newsroom.trending.messaging.ingest.InputEvents.CommentPosted;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** This consumer's own records read the producers' published examples, unknown fields and all. */
class InputEventsContractTest {

    static final String ARTICLE = "3d2c1b0a-9e8f-4a7b-8c6d-5e4f3a2b1c0d";
    final JsonMapper json = JsonMapper.builder().build();
    final Decoder decoder = new Decoder(json);

    @Test
    void articleExamplesParse() {
        for (String type : new String[] {InputEvents.PUBLISHED, InputEvents.UPDATED}) {
            ArticleChanged event = json.readValue(EventContracts.example(type), ArticleChanged.class);
            assertThat(event.articleId()).isEqualTo(ARTICLE);
            assertThat(event.slug()).isNotBlank();
            assertThat(event.title()).isNotBlank();
            assertThat(event.tagList()).isNotEmpty();
            assertThat(event.createdAt()).isNotNull();
        }
        for (String type : new String[] {InputEvents.DELETED, InputEvents.WITHDRAWN}) {
            assertThat(json.readValue(EventContracts.example(type), ArticleRemoved.class)
                            .articleId())
                    .as(type)
                    .isEqualTo(ARTICLE);
        }
        assertThat(json.readValue(EventContracts.example(InputEvents.FAVORITED), ArticleFavorited.class)
                        .favoritedAt())
                .isNotNull();
        assertThat(json.readValue(EventContracts.example(InputEvents.UNFAVORITED), ArticleUnfavorited.class)
                        .userId())
                .isNotBlank();
        ArticleViewed viewed = json.readValue(EventContracts.example(InputEvents.VIEWED), ArticleViewed.class);
        assertThat(viewed.viewerKey()).isNotBlank();
        assertThat(viewed.viewedAt()).isNotNull();
    }

    @Test
    void commentExamplesParse() {
        CommentPosted posted = json.readValue(EventContracts.example(InputEvents.COMMENT_POSTED), CommentPosted.class);
        assertThat(posted.commentId()).isEqualTo("1042");
        assertThat(posted.articleId()).isEqualTo(ARTICLE);
        assertThat(posted.createdAt()).isNotNull();

        CommentDeleted deleted =
                json.readValue(EventContracts.example(InputEvents.COMMENT_DELETED), CommentDeleted.class);
        assertThat(deleted.commentId()).isEqualTo("1042");
        assertThat(deleted.articleId()).isEqualTo(ARTICLE);
    }

    @Test
    void moderatedExampleParses() {
        assumeThat(EventContracts.knownEventTypes())
                .as("comment-service's contract for moderation decisions")
                .contains(InputEvents.COMMENT_MODERATED);
        CommentModerated event =
                json.readValue(EventContracts.example(InputEvents.COMMENT_MODERATED), CommentModerated.class);
        assertThat(event.articleId()).isNotBlank();
        assertThat(event.commentId()).isNotBlank();
        assertThat(event.decision()).isIn("held", "approved", "rejected");
    }

    @Test
    void everyExampleDecodesIntoAnOp() {
        for (String type : EventContracts.knownEventTypes()) {
            if (!type.startsWith("newsroom.article.") && !type.startsWith("newsroom.comment.")) {
                continue;
            }
            ActivityOp op =
                    decoder.decode(record(type, EventContracts.example(type)), "a0", new RecentViews(1800, 300));
            if (type.equals("newsroom.comment.edited.v1")) {
                assertThat(op).as(type).isNull();
            } else if (op != null) {
                assertThat(op.articleId()).as(type).isEqualTo(ARTICLE);
            }
        }
    }

    @Test
    void theWithdrawnExampleDecodesIntoTheDeletion() {
        assertThat(decoder.decode(
                        record(InputEvents.WITHDRAWN, EventContracts.example(InputEvents.WITHDRAWN)),
                        "a0",
                        new RecentViews(1800, 300)))
                .isEqualTo(new ActivityOp.Deleted(ARTICLE, "a0", 1));
    }

    static ConsumerRecord<String, byte[]> record(String type, String json) {
        ConsumerRecord<String, byte[]> record =
                new ConsumerRecord<>("topic", 0, 1, ARTICLE, json.getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_type", type.getBytes(StandardCharsets.UTF_8));
        return record;
    }
}
