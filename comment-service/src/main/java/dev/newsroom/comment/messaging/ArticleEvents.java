package dev.newsroom.comment.messaging;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * The events of {@code newsroom.articles.v1} this service reads, as its own records with just the
 * fields it keeps; article-service owns the contracts ({@code contracts/schemas/newsroom.article.*}),
 * and fields added to them later are ignored here.
 */
final class ArticleEvents {

    static final String TOPIC = "newsroom.articles.v1";
    static final String PUBLISHED = "newsroom.article.published.v1";
    static final String UPDATED = "newsroom.article.updated.v1";
    static final String DELETED = "newsroom.article.deleted.v1";
    static final String WITHDRAWN = "newsroom.article.withdrawn.v1";

    private ArticleEvents() {}

    /** {@code newsroom.article.published.v1} and {@code .updated.v1}: the article as it is after the change. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ArticleChanged(String articleId, String slug, String title, String authorId, Instant updatedAt) {}

    /**
     * {@code newsroom.article.deleted.v1} and {@code .withdrawn.v1}: the article leaves this service's
     * copy. The two contracts differ only in the name of the time ({@code deletedAt}, {@code
     * withdrawnAt}), so this one record reads both.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ArticleRemoved(
            String articleId,
            String slug,
            String authorId,
            @JsonAlias({"deletedAt", "withdrawnAt"}) Instant removedAt) {}
}
