package dev.newsroom.article.article;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.contracts.EventContracts;
import dev.newsroom.platform.outbox.OutboxEvent;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ArticleEventFactoriesTest {

    static final String ARTICLE = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    static final String AUTHOR = "0b7c6f2e-4f4a-4c53-9d2e-6a1f0c3b2a11";
    static final String USER = "5d1e8a90-2b3c-4d4e-8f5a-6b7c8d9e0f12";

    final JsonMapper json = JsonMapper.builder().build();
    final Instant now = Instant.parse("2026-01-02T03:04:05.678Z");
    final Article article = Article.created(
            ARTICLE,
            "a-title-x1",
            AUTHOR,
            new ArticleInput(
                    Set.of("title", "description", "body"),
                    "A title",
                    "About",
                    "Body",
                    List.of("news"),
                    null,
                    null,
                    null),
            "<p>Body</p>",
            Status.PUBLISHED,
            now);

    @Test
    void publishingAndUpdatingCarryTheArticleAsItIsKeyedByTheArticle() {
        Article edited = article.edited(
                new ArticleInput(Set.of("title"), "Another title", null, null, null, null, null, null),
                article.bodyHtml(),
                now.plusSeconds(60));

        OutboxEvent published = ArticleEvents.published(article, json);
        OutboxEvent updated = ArticleEvents.updated(edited, json);

        assertThat(published.topic()).isEqualTo(ArticleEvents.TOPIC);
        assertThat(published.key()).isEqualTo(ARTICLE);
        EventContracts.assertValid(ArticleEvents.PUBLISHED, published.data());
        EventContracts.assertValid(ArticleEvents.UPDATED, updated.data());
        assertThat(updated.data())
                .contains("Another title")
                .contains("\"slug\":\"a-title-x1\"")
                .doesNotContain("bodyHtml");
    }

    @Test
    void deletionsWithdrawalsAndFavouritesAreKeyedByTheArticle() {
        OutboxEvent deleted = ArticleEvents.deleted(article, now, json);
        OutboxEvent withdrawn = ArticleEvents.withdrawn(article, now, json);
        OutboxEvent favorited =
                ArticleEvents.favorited(new Favorite(Favorite.idOf(ARTICLE, USER), ARTICLE, USER, now), json);
        OutboxEvent unfavorited = ArticleEvents.unfavorited(article, USER, now, json);

        assertThat(List.of(deleted.key(), withdrawn.key(), favorited.key(), unfavorited.key()))
                .containsOnly(ARTICLE);
        EventContracts.assertValid(ArticleEvents.DELETED, deleted.data());
        EventContracts.assertValid(ArticleEvents.WITHDRAWN, withdrawn.data());
        EventContracts.assertValid(ArticleEvents.FAVORITED, favorited.data());
        EventContracts.assertValid(ArticleEvents.UNFAVORITED, unfavorited.data());
    }

    @Test
    void aViewGoesToTheViewsTopic() {
        OutboxEvent viewed = ArticleEvents.viewed(ARTICLE, "0123456789abcdef0123456789abcdef", now, json);

        assertThat(viewed.topic()).isEqualTo(ArticleEvents.VIEWS_TOPIC);
        assertThat(viewed.key()).isEqualTo(ARTICLE);
        EventContracts.assertValid(ArticleEvents.VIEWED, viewed.data());
    }
}
