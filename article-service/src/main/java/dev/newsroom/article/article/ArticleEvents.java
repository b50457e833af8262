package dev.newsroom.article.article;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.newsroom.platform.outbox.OutboxEvent;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * The events of {@code newsroom.articles.v1}, {@code newsroom.article-views.v1} and {@code
 * newsroom.alerts.v1} (key = article id), as published, and the factories that build them from the article records; schemas and
 * examples are in {@code contracts/}.
 */
public final class ArticleEvents {

    public static final String TOPIC = "newsroom.articles.v1";
    public static final String VIEWS_TOPIC = "newsroom.article-views.v1";
    public static final String PUBLISHED = "newsroom.article.published.v1";
    public static final String UPDATED = "newsroom.article.updated.v1";
    public static final String DELETED = "newsroom.article.deleted.v1";
    public static final String WITHDRAWN = "newsroom.article.withdrawn.v1";
    public static final String FAVORITED = "newsroom.article.favorited.v1";
    public static final String UNFAVORITED = "newsroom.article.unfavorited.v1";
    public static final String VIEWED = "newsroom.article.viewed.v1";
    public static final String ALERTS_TOPIC = "newsroom.alerts.v1";
    public static final String ALERT_RAISED = "newsroom.alert.raised.v1";
    public static final String ALERT_CLEARED = "newsroom.alert.cleared.v1";

    private ArticleEvents() {}

    /**
     * The state consumers need, carried by {@link #PUBLISHED} (emitted once, when the article is
     * published) and {@link #UPDATED} (emitted on every change to a published article, with the state
     * after it). Drafts emit nothing: consumers never learn of a story before it is public.
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
            Instant updatedAt,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Article.Correction> corrections) {

        static ArticleSnapshot of(Article article) {
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
                    article.updatedAt(),
                    article.corrections());
        }
    }

    /** Emitted when an article is deleted; consumers drop it at once. */
    public record ArticleDeleted(String articleId, String slug, String authorId, Instant deletedAt) {}

    /** Emitted when an editor withdraws a published article; consumers drop it at once. */
    public record ArticleWithdrawn(String articleId, String slug, String authorId, Instant withdrawnAt) {}

    /** Emitted when a user favourites an article they had not favourited. */
    public record ArticleFavorited(String articleId, String userId, Instant favoritedAt) {}

    /** Emitted when a user takes back a favourite. */
    public record ArticleUnfavorited(String articleId, String userId, Instant unfavoritedAt) {}

    /** Emitted, best effort, for each read of a single article. */
    public record ArticleViewed(String articleId, String viewerKey, Instant viewedAt) {}

    /** Emitted, with the publication, when a story labelled breaking news is published. */
    public record AlertRaised(String articleId, String slug, String headline, Instant raisedAt, Instant expiresAt) {}

    /**
     * Emitted when a current alert is taken down before its time: {@code reason} is {@code cleared}
     * (an editor), {@code withdrawn} or {@code deleted} (its story).
     */
    public record AlertCleared(String articleId, String slug, Instant clearedAt, String reason) {}

    /** The alert of {@code article}, just published with it ({@link Article#alert()} is set). */
    static OutboxEvent alertRaised(Article article, JsonMapper json) {
        Article.Alert alert = article.alert();
        return OutboxEvent.of(
                ALERTS_TOPIC,
                ALERT_RAISED,
                article.id(),
                new AlertRaised(article.id(), article.slug(), article.title(), alert.raisedAt(), alert.expiresAt()),
                json);
    }

    static OutboxEvent alertCleared(Article article, Instant clearedAt, String reason, JsonMapper json) {
        return OutboxEvent.of(
                ALERTS_TOPIC,
                ALERT_CLEARED,
                article.id(),
                new AlertCleared(article.id(), article.slug(), clearedAt, reason),
                json);
    }

    /** Once, when the article is published (at creation, or later from the desk). */
    static OutboxEvent published(Article article, JsonMapper json) {
        return OutboxEvent.of(TOPIC, PUBLISHED, article.id(), ArticleSnapshot.of(article), json);
    }

    /** On every change, with {@code changed}, the article as it is after it. */
    static OutboxEvent updated(Article changed, JsonMapper json) {
        return OutboxEvent.of(TOPIC, UPDATED, changed.id(), ArticleSnapshot.of(changed), json);
    }

    static OutboxEvent deleted(Article article, Instant deletedAt, JsonMapper json) {
        return OutboxEvent.of(
                TOPIC,
                DELETED,
                article.id(),
                new ArticleDeleted(article.id(), article.slug(), article.authorId(), deletedAt),
                json);
    }

    static OutboxEvent withdrawn(Article article, Instant withdrawnAt, JsonMapper json) {
        return OutboxEvent.of(
                TOPIC,
                WITHDRAWN,
                article.id(),
                new ArticleWithdrawn(article.id(), article.slug(), article.authorId(), withdrawnAt),
                json);
    }

    static OutboxEvent favorited(Favorite favorite, JsonMapper json) {
        return OutboxEvent.of(
                TOPIC,
                FAVORITED,
                favorite.articleId(),
                new ArticleFavorited(favorite.articleId(), favorite.userId(), favorite.createdAt()),
                json);
    }

    static OutboxEvent unfavorited(Article article, String userId, Instant unfavoritedAt, JsonMapper json) {
        return OutboxEvent.of(
                TOPIC, UNFAVORITED, article.id(), new ArticleUnfavorited(article.id(), userId, unfavoritedAt), json);
    }

    /** A read of the article by the viewer that {@code viewerKey} stands for; sent outside the outbox. */
    public static OutboxEvent viewed(String articleId, String viewerKey, Instant viewedAt, JsonMapper json) {
        return OutboxEvent.of(VIEWS_TOPIC, VIEWED, articleId, new ArticleViewed(articleId, viewerKey, viewedAt), json);
    }
}
