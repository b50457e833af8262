package dev.newsroom.article.article;

import dev.newsroom.platform.outbox.OutboxRelay;
import dev.newsroom.platform.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishing, changing and deleting articles; only the author may change or delete one. Every
 * change writes its event into the article's outbox in the same single-document update, then wakes
 * the relay.
 */
@Service
public class ArticleWriting {

    private static final int SLUG_ATTEMPTS = 5;

    private final ArticleRepository articles;
    private final FavoriteRepository favorites;
    private final ArticleReads reads;
    private final MarkdownRenderer markdown;
    private final OutboxRelay relay;
    private final JsonMapper json;
    private final Clock clock;

    ArticleWriting(
            ArticleRepository articles,
            FavoriteRepository favorites,
            ArticleReads reads,
            MarkdownRenderer markdown,
            OutboxRelay relay,
            JsonMapper json,
            Clock clock) {
        this.articles = articles;
        this.favorites = favorites;
        this.reads = reads;
        this.markdown = markdown;
        this.relay = relay;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Two articles may have the same title (each gets its own slug), so a 409 only comes from slug
     * generation that keeps colliding: a new random suffix per attempt settles a rare collision, and
     * after {@value #SLUG_ATTEMPTS} collisions the client hears that the slug is taken.
     */
    public Mono<Article> create(String authorId, ArticleInput input) {
        return Mono.defer(() -> articles.insert(newArticle(authorId, input)))
                .retryWhen(Retry.max(SLUG_ATTEMPTS - 1)
                        .filter(DuplicateKeyException.class::isInstance)
                        .onRetryExhaustedThrow((spec, signal) -> ApiException.taken("slug")))
                .doOnNext(article -> relay.wakeUp());
    }

    private Article newArticle(String authorId, ArticleInput input) {
        Article article = Article.created(
                UUID.randomUUID().toString(),
                Slugs.of(input.title()),
                authorId,
                input,
                markdown.toSafeHtml(input.body()),
                now());
        return article.withOutbox(List.of(ArticleEvents.published(article, json)));
    }

    /**
     * Changes the fields the {@code article} object of the request names. The article is found
     * (404) and its ownership checked (403) before the request's fields are (422), so the answer
     * is the same whatever the body holds.
     */
    public Mono<Article> update(String slug, String userId, JsonNode article) {
        return ownedBy(slug, userId).flatMap(current -> {
            ArticleInput input = ArticleInput.parse(article, false);
            String bodyHtml = input.has("body") ? markdown.toSafeHtml(input.body()) : current.bodyHtml();
            Article changed = current.edited(input, bodyHtml, now());
            return articles.update(changed, ArticleEvents.updated(changed, json))
                    .switchIfEmpty(Mono.error(ApiException.notFound("article")))
                    .doOnNext(saved -> relay.wakeUp());
        });
    }

    /**
     * Marks the article deleted (a tombstone that keeps the deletion event until it is relayed) and
     * removes its favourites; no read returns it from here on.
     */
    public Mono<Void> delete(String slug, String userId) {
        return ownedBy(slug, userId).flatMap(current -> {
            Instant now = now();
            return articles.markDeleted(current.id(), now, ArticleEvents.deleted(current, now, json))
                    .doOnSuccess(done -> relay.wakeUp())
                    .then(favorites.removeAllOf(current.id()));
        });
    }

    private Mono<Article> ownedBy(String slug, String userId) {
        return reads.bySlug(slug)
                .flatMap(article -> article.authorId().equals(userId)
                        ? Mono.just(article)
                        : Mono.error(ApiException.forbidden("article")));
    }

    /** RealWorld timestamps carry milliseconds, and MongoDB keeps no more than that. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
