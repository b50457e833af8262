package dev.newsroom.article.article;

import dev.newsroom.platform.web.ApiException;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * Optimistic changes of an article: read it, compute the change, write it on the version read
 * ({@link ArticleRepository#update}, {@link ArticleRepository#move}), which comes back empty when
 * the article changed meanwhile. Then the whole change is made again from a fresh read, a few times;
 * if it keeps losing the race the client hears 409 and may try again.
 */
final class ChangedMeanwhile {

    /** Attempts in all before the client hears 409. */
    static final int ATTEMPTS = 3;

    private ChangedMeanwhile() {}

    /** Subscribes to {@code change} (read, compute, write) again while it comes back empty. */
    static Mono<Article> retry(Supplier<Mono<Article>> change) {
        return attempt(change, 1);
    }

    private static Mono<Article> attempt(Supplier<Mono<Article>> change, int attempt) {
        return Mono.defer(change)
                .switchIfEmpty(Mono.defer(() -> attempt < ATTEMPTS
                        ? attempt(change, attempt + 1)
                        : Mono.error(
                                new ApiException(HttpStatus.CONFLICT, "article", "changed meanwhile; try again"))));
    }
}
