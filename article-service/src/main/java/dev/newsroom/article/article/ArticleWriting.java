package dev.newsroom.article.article;

import dev.newsroom.article.ArticleServiceProperties;
import dev.newsroom.article.ArticleServiceProperties.PublishingPolicy;
import dev.newsroom.platform.outbox.OutboxEvent;
import dev.newsroom.platform.outbox.OutboxRelay;
import dev.newsroom.platform.security.CurrentUser;
import dev.newsroom.platform.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
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
    private final BreakingAlerts alerts;
    private final PublishingPolicy policy;
    private final ArticleReads reads;
    private final MarkdownRenderer markdown;
    private final OutboxRelay relay;
    private final JsonMapper json;
    private final Clock clock;

    ArticleWriting(
            ArticleRepository articles,
            FavoriteRepository favorites,
            RevisionRepository revisions,
            BreakingAlerts alerts,
            ArticleReads reads,
            MarkdownRenderer markdown,
            OutboxRelay relay,
            JsonMapper json,
            Clock clock,
            ArticleServiceProperties properties) {
        this.articles = articles;
        this.favorites = favorites;
        this.revisions = revisions;
        this.alerts = alerts;
        this.reads = reads;
        this.markdown = markdown;
        this.relay = relay;
        this.json = json;
        this.clock = clock;
        this.policy = properties.publishingPolicy();
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
        if (!article.isPublished()) {
            return article;
        }
        Article raised = alerts.raisedOn(article);
        return raised.withOutbox(alerts.publicationEvents(raised));
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
                user.id(),
                null);
    }

    /**
     * Brings back the content of {@code revision} (an editor's move, checked by {@link Revisions}),
     * as a new change: a new revision that names the one it restored, and an update event if the
     * story is published.
     */
    Mono<Article> restore(String slug, CurrentUser editor, Revision revision) {
        return save(() -> reads.bySlugFor(slug, editor), asChange(revision), editor.id(), (int) revision.number());
    }

    /**
     * What an edit did: changed the story, or, for a published story, proposed a pending revision
     * that goes live only when an editor publishes it ({@code article} is then the story as it
     * still is).
     */
    public record Edit(Article article, boolean pending) {}

    /**
     * An edit by the story's author: of a published story it is a pending revision when asked
     * ({@code "pending": true}) or when the publishing policy is {@code review} and the author is no
     * editor; otherwise {@link #update}. A pending revision holds the content fields only (title,
     * description, body, tags): a change of labels, source or cover image in it is 422 (the same
     * value, as a form sends it, is no change).
     */
    public Mono<Edit> edit(String slug, CurrentUser user, JsonNode article) {
        boolean asked =
                article != null && article.isObject() && article.path("pending").asBoolean(false);
        return ownedBy(slug, user).flatMap(current -> {
            boolean pending =
                    current.isPublished() && (asked || policy == PublishingPolicy.REVIEW && !Desk.isEditor(user));
            if (!pending) {
                return update(slug, user, article).map(changed -> new Edit(changed, false));
            }
            ArticleInput input = ArticleInput.parse(article, false);
            // A form sends every field; only a change of one that goes live at once is refused.
            Article asEdited = current.edited(input, current.bodyHtml(), now());
            Map<String, Boolean> changedAtOnce = new LinkedHashMap<>();
            changedAtOnce.put("labels", !Objects.equals(asEdited.labels(), current.labels()));
            changedAtOnce.put("source", !Objects.equals(asEdited.source(), current.source()));
            changedAtOnce.put("coverImage", !Objects.equals(asEdited.coverImage(), current.coverImage()));
            for (Map.Entry<String, Boolean> field : changedAtOnce.entrySet()) {
                if (field.getValue()) {
                    return Mono.error(ApiException.invalid(
                            field.getKey(),
                            "changes at once: a pending revision holds title, description, body and tags only"));
                }
            }
            return revisions
                    .byNumber(current.id(), Revision.PENDING)
                    .map(proposed -> asChange(proposed).apply(current))
                    .defaultIfEmpty(current)
                    .flatMap(base -> {
                        Article proposed = base.edited(input, base.bodyHtml(), now());
                        return revisions.save(Revision.pending(current, proposed, user.id(), now()));
                    })
                    .thenReturn(new Edit(current, true));
        });
    }

    /**
     * Publishes the pending revision of a published story (the caller checked that {@code user}
     * may): its content goes live as a change saved by the revision's author, with an update event.
     * The pending revision is taken away first, so of two editors publishing it one does; should the
     * change then fail, it is put back.
     */
    Mono<Article> publishPending(String slug, CurrentUser user, Article current) {
        return revisions
                .takePending(current.id())
                .switchIfEmpty(Mono.error(new ApiException(
                        HttpStatus.CONFLICT, "status", "is published, with no pending revision to publish")))
                .flatMap(pending -> save(() -> reads.bySlugFor(slug, user), asChange(pending), pending.by(), null)
                        .onErrorResume(failure -> revisions.save(pending).then(Mono.error(failure))));
    }

    /** The change that gives a story {@code revision}'s content. */
    private UnaryOperator<Article> asChange(Revision revision) {
        String bodyHtml = markdown.toSafeHtml(revision.body());
        return current -> current.edited(revision.asEdit(), bodyHtml, now());
    }

    /**
     * Reads the article, computes {@code change}, and stores it on the version read (again from a
     * fresh read if it changed meanwhile), with its event if the story is published, then its
     * revision. A revision that cannot be written after the story was is logged and missing from
     * the history; the change itself stands.
     */
    private Mono<Article> save(
            Supplier<Mono<Article>> read, UnaryOperator<Article> change, String by, Integer restoredFrom) {
        return ChangedMeanwhile.retry(() -> read.get().flatMap(current -> {
                    Article changed = change.apply(current);
                    // Consumers hold only published stories: a withdrawn one's edit would bring it back.
                    List<OutboxEvent> events =
                            changed.isPublished() ? List.of(ArticleEvents.updated(changed, json)) : List.of();
                    return articles.update(changed, events)
                            .flatMap(saved -> kept(Revision.of(current, saved, by, saved.updatedAt(), restoredFrom))
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
            List<OutboxEvent> events = alerts.withClearing(
                    current,
                    current.status().announced() ? List.of(ArticleEvents.deleted(current, now, json)) : List.of(),
                    now,
                    BreakingAlerts.DELETED);
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
