package dev.newsroom.article.article;

import dev.newsroom.platform.outbox.OutboxEvent;
import dev.newsroom.platform.outbox.OutboxRelay;
import dev.newsroom.platform.security.CurrentUser;
import dev.newsroom.platform.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writing, changing and deleting articles; only the author may change or delete one. Every change
 * of a published story (and the deletion of one consumers ever knew) writes its event into the
 * article's outbox in the same single-document update, then wakes the relay; changes to a story
 * that is not public emit nothing ({@link Workflow} publishes it). A change lands only on the version it was computed from, so an
 * edit racing a publication is computed again rather than lost from the published event.
 */
@Service
public class ArticleWriting {

    private static final int SLUG_ATTEMPTS = 5;

    private static final Logger log = LoggerFactory.getLogger(ArticleWriting.class);

    private final ArticleRepository articles;
    private final FavoriteRepository favorites;
    private final RevisionRepository revisions;
    private final ArticleReads reads;
    private final MarkdownRenderer markdown;
    private final OutboxRelay relay;
    private final JsonMapper json;
    private final Clock clock;

    ArticleWriting(
            ArticleRepository articles,
            FavoriteRepository favorites,
            RevisionRepository revisions,
            ArticleReads reads,
            MarkdownRenderer markdown,
            OutboxRelay relay,
            JsonMapper json,
            Clock clock) {
        this.articles = articles;
        this.favorites = favorites;
        this.revisions = revisions;
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
    public Mono<Article> create(String authorId, ArticleInput input, Status status) {
        return Mono.defer(() -> articles.insert(newArticle(authorId, input, status)))
                .retryWhen(Retry.max(SLUG_ATTEMPTS - 1)
                        .filter(DuplicateKeyException.class::isInstance)
                        .onRetryExhaustedThrow((spec, signal) -> ApiException.taken("slug")))
                .doOnNext(article -> relay.wakeUp())
                .flatMap(article -> kept(Revision.of(null, article, authorId, article.createdAt(), null))
                        .thenReturn(article));
    }

    private Article newArticle(String authorId, ArticleInput input, Status status) {
        Article article = Article.created(
                UUID.randomUUID().toString(),
                Slugs.of(input.title()),
                authorId,
                input,
                markdown.toSafeHtml(input.body()),
                status,
                now());
        return article.isPublished() ? article.withOutbox(List.of(ArticleEvents.published(article, json))) : article;
    }

    /**
     * Changes the fields the {@code article} object of the request names. The article is found
     * (404) and its ownership checked (403) before the request's fields are (422), so the answer
     * is the same whatever the body holds.
     */
    public Mono<Article> update(String slug, CurrentUser user, JsonNode article) {
        return save(
                () -> ownedBy(slug, user),
                current -> {
                    ArticleInput input = ArticleInput.parse(article, false);
                    String bodyHtml = input.has("body") ? markdown.toSafeHtml(input.body()) : current.bodyHtml();
                    return current.edited(input, bodyHtml, now());
                },
                user,
                null);
    }

    /**
     * Brings back the content of {@code revision} (an editor's move, checked by {@link Revisions}),
     * as a new change: a new revision that names the one it restored, and an update event if the
     * story is published.
     */
    Mono<Article> restore(String slug, CurrentUser editor, Revision revision) {
        ArticleInput input = new ArticleInput(
                Set.copyOf(Revision.CONTENT),
                revision.title(),
                revision.description(),
                revision.body(),
                revision.tagList(),
                null,
                null,
                null);
        String bodyHtml = markdown.toSafeHtml(revision.body());
        return save(
                () -> reads.bySlugFor(slug, editor), current -> current.edited(input, bodyHtml, now()), editor, (int)
                        revision.number());
    }

    /**
     * Reads the article, computes {@code change}, and stores it on the version read (again from a
     * fresh read if it changed meanwhile), with its event if the story is published, then its
     * revision. A revision that cannot be written after the story was is logged and missing from
     * the history; the change itself stands.
     */
    private Mono<Article> save(
            Supplier<Mono<Article>> read, UnaryOperator<Article> change, CurrentUser by, Integer restoredFrom) {
        return ChangedMeanwhile.retry(() -> read.get().flatMap(current -> {
                    Article changed = change.apply(current);
                    // Consumers hold only published stories: a withdrawn one's edit would bring it back.
                    List<OutboxEvent> events =
                            changed.isPublished() ? List.of(ArticleEvents.updated(changed, json)) : List.of();
                    return articles.update(changed, events)
                            .flatMap(
                                    saved -> kept(Revision.of(current, saved, by.id(), saved.updatedAt(), restoredFrom))
                                            .thenReturn(saved));
                }))
                .doOnNext(saved -> relay.wakeUp());
    }

    private Mono<Revision> kept(Revision revision) {
        return revisions.save(revision).onErrorResume(failure -> {
            log.warn("Could not keep revision {} of article {}", revision.number(), revision.articleId(), failure);
            return Mono.empty();
        });
    }

    /**
     * Marks the article deleted (a tombstone that keeps the deletion event until it is relayed) and
     * removes its favourites; no read returns it from here on.
     */
    public Mono<Void> delete(String slug, CurrentUser user) {
        return ownedBy(slug, user).flatMap(current -> {
            Instant now = now();
            // Consumers never heard of a story that was not published: its deletion is no news.
            List<OutboxEvent> events =
                    current.status().announced() ? List.of(ArticleEvents.deleted(current, now, json)) : List.of();
            return articles.markDeleted(current.id(), now, events)
                    .doOnSuccess(done -> relay.wakeUp())
                    .then(favorites.removeAllOf(current.id()));
        });
    }

    /** The article, if {@code user} may see it (404 otherwise) and wrote it (403 otherwise). */
    private Mono<Article> ownedBy(String slug, CurrentUser user) {
        return reads.bySlugFor(slug, user)
                .flatMap(article -> article.authorId().equals(user.id())
                        ? Mono.just(article)
                        : Mono.error(ApiException.forbidden("article")));
    }

    /** RealWorld timestamps carry milliseconds, and MongoDB keeps no more than that. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
