package dev.newsroom.article.messaging;

import dev.newsroom.article.article.Article;
import java.time.Instant;
import java.util.List;

/**
 * The events of {@code newsroom.articles.v1} and {@code newsroom.article-views.v1} (key = article
 * id), as published; schemas and examples are in {@code contracts/}.
 */
public final class ArticleEvents {

    public static final String TOPIC = "newsroom.articles.v1";
    public static final String VIEWS_TOPIC = "newsroom.article-views.v1";
    public static final String PUBLISHED = "newsroom.article.published.v1";
    public static final String UPDATED = "newsroom.article.updated.v1";
    public static final String DELETED = "newsroom.article.deleted.v1";
    public static final String FAVORITED = "newsroom.article.favorited.v1";
    public static final String UNFAVORITED = "newsroom.article.unfavorited.v1";
    public static final String VIEWED = "newsroom.article.viewed.v1";

    private ArticleEvents() {}

    /**
     * The state consumers need, carried by {@link #PUBLISHED} (emitted once, when the article is
     * created) and {@link #UPDATED} (emitted on every change, with the state after it).
     */
    public record ArticleSnapshot(
            String articleId,
            String slug,
            String title,
            String description,
            String body,
            List<String> tagList,
            String authorId,
            List<Article.Label> labels,
            Article.Source source,
            String coverImage,
            Instant createdAt,
            Instant updatedAt) {

        public static ArticleSnapshot of(Article article) {
            return new ArticleSnapshot(
                    article.id(),
                    article.slug(),
                    article.title(),
                    article.description(),
                    article.body(),
                    article.tagList(),
                    article.authorId(),
                    article.labels(),
                    article.source(),
                    article.coverImage(),
                    article.createdAt(),
                    article.updatedAt());
        }
    }

    /** Emitted when an article is deleted; consumers drop it at once. */
    public record ArticleDeleted(String articleId, String slug, String authorId, Instant deletedAt) {}

    /** Emitted when a user favourites an article they had not favourited. */
    public record ArticleFavorited(String articleId, String userId, Instant favoritedAt) {}

    /** Emitted when a user takes back a favourite. */
    public record ArticleUnfavorited(String articleId, String userId, Instant unfavoritedAt) {}

    /** Emitted, best effort, for each read of a single article. */
    public record ArticleViewed(String articleId, String viewerKey, Instant viewedAt) {}
}
