package dev.newsroom.article.web;

import dev.newsroom.article.article.Article;
import dev.newsroom.article.article.ArticlePage;
import dev.newsroom.article.article.ArticleQuery;
import dev.newsroom.article.article.ArticleReads;
import dev.newsroom.article.article.Desk;
import dev.newsroom.platform.authors.AuthorProfile;
import dev.newsroom.platform.authors.AuthorProfiles;
import dev.newsroom.platform.security.CurrentUser;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Articles as the public and internal endpoints answer with them: with the viewer's {@code
 * favorited} and the author's profile as the viewer sees it, looked up together for a whole page
 * (one query for the favourites, at most two for the profiles, side by side).
 */
@Component
class ArticleAnswers {

    private final ArticleReads reads;
    private final AuthorProfiles authors;
    private final Clock clock;

    ArticleAnswers(ArticleReads reads, AuthorProfiles authors, Clock clock) {
        this.reads = reads;
        this.authors = authors;
        this.clock = clock;
    }

    /** The page {@code query} asks for, as {@code viewerId} (null: anonymous) sees it. */
    Mono<ArticleJson.Many> page(ArticleQuery query, String viewerId) {
        return reads.list(query, viewerId)
                .flatMap(page -> authors.asSeenBy(ArticleJson.authorIds(page.articles()), viewerId)
                        .map(profiles -> ArticleJson.many(page, profiles, clock.instant())));
    }

    /** One article with its body, as {@code viewerId} (null: anonymous) sees it. */
    Mono<ArticleJson.Single> single(Article article, String viewerId) {
        return Mono.zip(reads.favoritedBy(viewerId, List.of(article)), authors.asSeenBy(article.authorId(), viewerId))
                .map(found -> ArticleJson.single(
                        article, found.getT1().contains(article.id()), found.getT2(), clock.instant()));
    }

    /**
     * The answer to a write by {@code writer}: if they wrote the article and have just registered,
     * their profile is waited for, bounded ({@link AuthorProfiles#afterWrite}).
     */
    Mono<ArticleJson.Single> written(Article article, boolean favorited, CurrentUser writer) {
        return authors.afterWrite(article.authorId(), writer)
                .map(author -> ArticleJson.single(article, favorited, author, clock.instant()));
    }

    /** The desk's queues, each article with its author's profile as {@code viewer} sees it. */
    Mono<ArticleJson.Desk> desk(Desk.Queues queues, String viewerId) {
        List<ArticlePage> pages = List.of(
                queues.drafts(),
                queues.inReview(),
                queues.scheduled(),
                queues.published(),
                queues.withdrawn(),
                queues.changesToReview());
        List<String> authorIds = pages.stream()
                .flatMap(page -> page.articles().stream())
                .map(Article::authorId)
                .distinct()
                .toList();
        return authors.asSeenBy(authorIds, viewerId).map(profiles -> {
            Instant now = clock.instant();
            return new ArticleJson.Desk(new ArticleJson.Queues(
                    ArticleJson.many(queues.drafts(), profiles, now),
                    ArticleJson.many(queues.inReview(), profiles, now),
                    ArticleJson.many(queues.scheduled(), profiles, now),
                    ArticleJson.many(queues.published(), profiles, now),
                    ArticleJson.many(queues.withdrawn(), profiles, now),
                    ArticleJson.many(queues.changesToReview(), profiles, now)));
        });
    }

    /** Articles without their bodies, as an anonymous viewer sees them, in the order given. */
    Mono<ArticleJson.Many> withoutBodies(Collection<Article> articles) {
        List<Article> found = List.copyOf(articles);
        return authors.asSeenBy(ArticleJson.authorIds(found), null)
                .map(profiles -> new ArticleJson.Many(
                        found.stream()
                                .map(article -> ArticleJson.body(
                                        article,
                                        false,
                                        profiles.getOrDefault(article.authorId(), AuthorProfile.UNKNOWN),
                                        clock.instant(),
                                        false))
                                .toList(),
                        found.size()));
    }
}
