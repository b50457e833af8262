package dev.newsroom.comment.article;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.newsroom.comment.CommentServiceProperties;
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
 *
 * <p>Listings also find a live article they looked up a moment ago in memory ({@link #readable};
 * see {@link CommentServiceProperties.ArticleCache}); whatever this instance applies empties that
 * memory first.
 */
@Component
public class ArticleProjection {

    private final Projection<Article> articles;
    /** Live articles by slug, as the store last gave them to a listing; null when the ttl is 0. */
    private final Cache<String, Article> recent;
    /** Counts the events applied here, so that a lookup that overlapped one does not keep its answer. */
    private long applied;

    ArticleProjection(Projection<Article> articleCopies, CommentServiceProperties properties) {
        this.articles = articleCopies;
        CommentServiceProperties.ArticleCache cache = properties.articleCache();
        this.recent = cache.ttl().isZero()
                ? null
                : Caffeine.newBuilder()
                        .expireAfterWrite(cache.ttl())
                        .maximumSize(cache.maxSize())
                        .build();
    }

    /**
     * Records a published or updated article, unless a newer event, this same event or the article's
     * deletion was applied already. Emits whether anything changed.
     */
    public Mono<Boolean> changed(
            String eventId, String articleId, String slug, String title, String authorId, Instant updatedAt) {
        ProjectedFields fields =
                ProjectedFields.none().set("slug", slug).set("title", title).set("authorId", authorId);
        return articles.changed(eventId, articleId, updatedAt, fields).doOnNext(this::forgetIf);
    }

    /**
     * Marks the article deleted, whether or not its earlier events were seen; a withdrawn article is
     * marked so too, since it is never published again. Deletion is final: nothing that arrives
     * afterwards, however it is dated, changes the article again. The title last seen stays as it
     * was.
     */
    public Mono<Boolean> deleted(String eventId, String articleId, String slug, String authorId, Instant deletedAt) {
        ProjectedFields fields = ProjectedFields.none().set("slug", slug).set("authorId", authorId);
        return articles.deleted(eventId, articleId, deletedAt, fields).doOnNext(this::forgetIf);
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

    /**
     * {@link #live}, for reading: a live article this instance looked up within the configured ttl
     * is answered from memory. Only live articles are kept, so an unknown slug is still waited for
     * and a deleted one still answered 404 from the store.
     */
    public Mono<Article> readable(String slug) {
        return liveForReading(slug).switchIfEmpty(Mono.error(() -> ApiException.notFound("article")));
    }

    /**
     * Whether {@code article} is still readable: false once it was deleted or withdrawn. A live
     * stream asks before each comment it would show, so this answers as {@link #readable} does, from
     * memory within the ttl.
     */
    public Mono<Boolean> stillReadable(Article article) {
        return liveForReading(article.slug())
                .map(found -> found.id().equals(article.id()))
                .defaultIfEmpty(false);
    }

    /** The live article with this slug, from memory within the ttl, else from the store; or empty. */
    private Mono<Article> liveForReading(String slug) {
        if (recent == null) {
            return articles.live(slug);
        }
        Article known = recent.getIfPresent(slug);
        if (known != null) {
            return Mono.just(known);
        }
        long before = appliedSoFar();
        return articles.live(slug).doOnNext(found -> keep(slug, found, before));
    }

    private synchronized long appliedSoFar() {
        return applied;
    }

    /** Keeps what the store answered unless an event was applied here while it was being read. */
    private synchronized void keep(String slug, Article found, long appliedBefore) {
        if (applied == appliedBefore) {
            recent.put(slug, found);
        }
    }

    /** After an event changed an article: no listing here may reuse what it knew before. */
    private synchronized void forgetIf(boolean changed) {
        if (changed && recent != null) {
            applied++;
            recent.invalidateAll();
        }
    }

    /** The articles with these ids that this service knows, live or deleted, by id. */
    public Mono<Map<String, Article>> byIds(Collection<String> ids) {
        return articles.byIds(ids);
    }
}
