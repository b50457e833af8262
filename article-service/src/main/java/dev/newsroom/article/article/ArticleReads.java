package dev.newsroom.article.article;

import dev.newsroom.platform.security.CurrentUser;
import dev.newsroom.platform.web.ApiException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Everything read about articles: one by slug, pages of them by tag, author or favouriting user,
 * many by id, the tags in use, and which of them a viewer favourited. No read returns a deleted
 * article, and only {@link #bySlugFor} returns one that is not published (to its author and the
 * editors).
 */
@Service
public class ArticleReads {

    private final ArticleRepository articles;
    private final FavoriteRepository favorites;

    ArticleReads(ArticleRepository articles, FavoriteRepository favorites) {
        this.articles = articles;
        this.favorites = favorites;
    }

    /** The published article with that slug, or a 404. */
    public Mono<Article> bySlug(String slug) {
        if (!plausible(slug)) {
            return Mono.error(ApiException.notFound("article"));
        }
        return articles.bySlug(slug).switchIfEmpty(Mono.error(ApiException.notFound("article")));
    }

    /**
     * The article with that slug as {@code viewer} (null: anonymous) may see it: published, or in
     * any status for its author and the editors; a 404 otherwise, so that a story nobody else may
     * see is not revealed to exist.
     */
    public Mono<Article> bySlugFor(String slug, CurrentUser viewer) {
        if (viewer == null) {
            return bySlug(slug);
        }
        if (!plausible(slug)) {
            return Mono.error(ApiException.notFound("article"));
        }
        return articles.bySlugInAnyStatus(slug)
                .filter(article ->
                        article.isPublished() || article.authorId().equals(viewer.id()) || Desk.isEditor(viewer))
                .switchIfEmpty(Mono.error(ApiException.notFound("article")));
    }

    private static boolean plausible(String slug) {
        return slug != null && !slug.isBlank() && slug.length() <= 200;
    }

    /** The page {@code query} asks for; a favouriting user is resolved to the articles they favourited. */
    public Mono<ArticlePage> list(ArticleQuery query, String viewerId) {
        Mono<Set<String>> favoritedIds = query.favoritedBy() == null
                ? Mono.just(Set.of())
                : favorites.articleIdsFavoritedBy(query.favoritedBy()).collect(Collectors.toSet());
        return favoritedIds
                .flatMap(ids -> articles.page(
                        query.tag(),
                        query.authorIds(),
                        query.favoritedBy() == null ? null : ids,
                        query.offset(),
                        query.limit()))
                .flatMap(page -> favoritedBy(viewerId, page.articles())
                        .map(favorited -> new ArticlePage(page.articles(), page.total(), favorited)));
    }

    /** Which of {@code articles} the viewer favourited: one query for a whole page. */
    public Mono<Set<String>> favoritedBy(String viewerId, Collection<Article> articles) {
        if (viewerId == null || articles.isEmpty()) {
            return Mono.just(Set.of());
        }
        return favorites
                .favoritedAmong(viewerId, articles.stream().map(Article::id).toList())
                .collect(Collectors.toCollection(HashSet::new));
    }

    /** Articles by id, without their bodies, for the gateway and trending. */
    public Flux<Article> byIds(Collection<String> ids) {
        return articles.byIds(ids);
    }

    /** Every tag on a live article, the most used first. */
    public Flux<String> tags() {
        return articles.tags();
    }
}
