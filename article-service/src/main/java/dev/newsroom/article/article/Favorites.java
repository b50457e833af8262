package dev.newsroom.article.article;

import dev.newsroom.platform.outbox.OutboxEvent;
import dev.newsroom.platform.outbox.OutboxRelay;
import dev.newsroom.platform.outbox.StoreRetry;
import dev.newsroom.platform.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Favouriting and unfavouriting. The favourite is its own document; the count and the event live on
 * the article, moved in one update of it, so only a change of the favourite moves the count and
 * emits an event: favouriting twice, or taking back a favourite there is not, changes nothing.
 */
@Service
public class Favorites {

    private final ArticleRepository articles;
    private final FavoriteRepository favorites;
    private final ArticleReads reads;
    private final OutboxRelay relay;
    private final JsonMapper json;
    private final Clock clock;

    Favorites(
            ArticleRepository articles,
            FavoriteRepository favorites,
            ArticleReads reads,
            OutboxRelay relay,
            JsonMapper json,
            Clock clock) {
        this.articles = articles;
        this.favorites = favorites;
        this.reads = reads;
        this.relay = relay;
        this.json = json;
        this.clock = clock;
    }

    // Each step retries on its own when the store refused it unsent (StoreRetry): the favourite and
    // the count live in two documents, so a retry of the whole would find the favourite and skip
    // the count.
    public Mono<Article> favorite(String slug, String userId) {
        return reads.bySlug(slug).retryWhen(StoreRetry.unsent()).flatMap(article -> {
            Favorite favorite = new Favorite(Favorite.idOf(article.id(), userId), article.id(), userId, now());
            return favorites
                    .insert(favorite)
                    .retryWhen(StoreRetry.unsent())
                    .flatMap(added -> added
                            ? changeCount(article, +1, ArticleEvents.favorited(favorite, json))
                            // Favouriting twice: the favourite exists already and the count stays as it is.
                            : Mono.just(article));
        });
    }

    public Mono<Article> unfavorite(String slug, String userId) {
        return reads.bySlug(slug)
                .retryWhen(StoreRetry.unsent())
                .flatMap(article -> favorites
                        .remove(article.id(), userId)
                        .retryWhen(StoreRetry.unsent())
                        .flatMap(removed -> removed
                                ? changeCount(article, -1, ArticleEvents.unfavorited(article, userId, now(), json))
                                : Mono.just(article)));
    }

    /** Moves the count and records the event in one update of the article document. */
    private Mono<Article> changeCount(Article article, int delta, OutboxEvent event) {
        return articles.changeFavoritesCount(article.id(), delta, event)
                .retryWhen(StoreRetry.unsent())
                .doOnNext(counted -> relay.wakeUp())
                .switchIfEmpty(Mono.error(ApiException.notFound("article")));
    }

    /** RealWorld timestamps carry milliseconds, and MongoDB keeps no more than that. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
