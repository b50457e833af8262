package dev.newsroom.assistant.article;

import dev.newsroom.platform.projection.ProjectedFields;
import dev.newsroom.platform.projection.Projection;
import dev.newsroom.platform.web.ApiException;
import java.time.Instant;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The articles questions can be asked about, with their text, kept from article-service's events by
 * the shared {@link Projection} (idempotent, order-safe, deletions final). This service never calls
 * article-service: what it knows is what the topic told it. This class says which of an article's
 * fields it keeps, forgets the text of a deleted or withdrawn article, and answers 404 for an article
 * it does not have.
 */
@Component
public class ArticleTexts {

    private final Projection<ArticleText> articles;

    ArticleTexts(Projection<ArticleText> articleTextCopies) {
        this.articles = articleTextCopies;
    }

    /**
     * Keeps the text of a published or updated article, unless a newer event, this same event or
     * the article's deletion was applied already. Emits whether anything changed.
     */
    public Mono<Boolean> changed(
            String eventId, String articleId, String slug, String title, String body, Instant updatedAt) {
        ProjectedFields fields =
                ProjectedFields.none().set("slug", slug).set("title", title).set("body", body);
        return articles.changed(eventId, articleId, updatedAt, fields);
    }

    /**
     * Forgets the article's text and marks it deleted, whether or not its earlier events were seen;
     * a withdrawn article is forgotten so too, since it is never published again. Deletion is final:
     * nothing that arrives afterwards, however it is dated, brings it back.
     */
    public Mono<Boolean> deleted(String eventId, String articleId, String slug, Instant deletedAt) {
        ProjectedFields fields =
                ProjectedFields.none().set("slug", slug).forget("title").forget("body");
        return articles.deleted(eventId, articleId, deletedAt, fields);
    }

    /**
     * The live article with this slug, or a 404 {@code article: not found}. A reader who opens a
     * just-published article and asks at once may be a few milliseconds ahead of the projection: a
     * slug not seen yet is waited for (see {@code newsroom.assistant.article-lookup}), a slug known as
     * deleted is answered at once.
     */
    public Mono<ArticleText> live(String slug) {
        return articles.live(slug)
                .filter(article -> article.body() != null)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("article")));
    }
}
