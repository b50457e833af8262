package dev.newsroom.comment.article;

import dev.newsroom.platform.projection.ProjectedFields;
import dev.newsroom.platform.projection.Projection;
import dev.newsroom.platform.web.ApiException;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The live articles comments may be posted under, kept from article-service's events by the shared
 * {@link Projection} (idempotent, order-safe, deletions final). This class says which of an
 * article's fields comment-service keeps, and answers 404 for an article it does not have.
 */
@Component
public class ArticleProjection {

    private final Projection<Article> articles;

    ArticleProjection(Projection<Article> articleCopies) {
        this.articles = articleCopies;
    }

    /**
     * Records a published or updated article, unless a newer event, this same event or the article's
     * deletion was applied already. Emits whether anything changed.
     */
    public Mono<Boolean> changed(
            String eventId, String articleId, String slug, String title, String authorId, Instant updatedAt) {
        ProjectedFields fields =
                ProjectedFields.none().set("slug", slug).set("title", title).set("authorId", authorId);
        return articles.changed(eventId, articleId, updatedAt, fields);
    }

    /**
     * Marks the article deleted, whether or not its earlier events were seen. Deletion is final:
     * nothing that arrives afterwards, however it is dated, changes the article again. The title
     * last seen stays as it was.
     */
    public Mono<Boolean> deleted(String eventId, String articleId, String slug, String authorId, Instant deletedAt) {
        ProjectedFields fields = ProjectedFields.none().set("slug", slug).set("authorId", authorId);
        return articles.deleted(eventId, articleId, deletedAt, fields);
    }

    /**
     * The live article with this slug, or a 404 {@code article: not found}. A client that publishes
     * an article and comments on it at once may be a few milliseconds ahead of the projection: a
     * slug not seen yet is waited for (see {@code newsroom.comments.article-lookup}), a slug known
     * as deleted is answered at once.
     */
    public Mono<Article> live(String slug) {
        return articles.live(slug).switchIfEmpty(Mono.error(() -> ApiException.notFound("article")));
    }

    /** The articles with these ids that this service knows, live or deleted, by id. */
    public Mono<Map<String, Article>> byIds(Collection<String> ids) {
        return articles.byIds(ids);
    }
}
