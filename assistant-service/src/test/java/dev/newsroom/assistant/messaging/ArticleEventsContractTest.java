package dev.newsroom.assistant.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.assistant.messaging.ArticleEvents.ArticleChanged;
import dev.newsroom.assistant.messaging.ArticleEvents.ArticleRemoved;
import dev.newsroom.contracts.EventContracts;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** This consumer's own records read article-service's published examples, unknown fields and all. */
class ArticleEventsContractTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void publishedAndUpdatedExamplesParseIntoArticleChangedWithTheirText() {
        for (String type : new String[] {ArticleEvents.PUBLISHED, ArticleEvents.UPDATED}) {
            ArticleChanged event = json.readValue(EventContracts.example(type), ArticleChanged.class);

            assertThat(event.articleId()).isEqualTo("3d2c1b0a-9e8f-4a7b-8c6d-5e4f3a2b1c0d");
            assertThat(event.slug()).isEqualTo("how-the-tide-turned-1a2b3c");
            assertThat(event.title()).isNotBlank();
            assertThat(event.body()).isNotBlank();
            assertThat(event.updatedAt()).isAfterOrEqualTo(Instant.parse("2026-11-26T09:00:00Z"));
        }
    }

    @Test
    void deletedExampleParsesIntoArticleRemoved() {
        ArticleRemoved event = json.readValue(EventContracts.example(ArticleEvents.DELETED), ArticleRemoved.class);

        assertThat(event.articleId()).isEqualTo("3d2c1b0a-9e8f-4a7b-8c6d-5e4f3a2b1c0d");
        assertThat(event.removedAt()).isEqualTo(Instant.parse("2026-11-26T12:00:00Z"));
    }

    @Test
    void withdrawnExampleParsesIntoArticleRemovedWithItsTime() {
        ArticleRemoved event = json.readValue(EventContracts.example(ArticleEvents.WITHDRAWN), ArticleRemoved.class);

        assertThat(event.articleId()).isEqualTo("3d2c1b0a-9e8f-4a7b-8c6d-5e4f3a2b1c0d");
        assertThat(event.slug()).isEqualTo("how-the-tide-turned-1a2b3c");
        assertThat(event.removedAt()).isEqualTo(Instant.parse("2026-11-26T14:30:00Z"));
    }
}
