package dev.newsroom.comment.comment;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import dev.newsroom.comment.CommentServiceProperties;
import dev.newsroom.comment.article.Article;
import dev.newsroom.comment.article.ArticleProjection;
import dev.newsroom.comment.messaging.CommentEvents;
import dev.newsroom.platform.outbox.OutboxEvent;
import dev.newsroom.platform.outbox.OutboxEvents;
import dev.newsroom.platform.outbox.OutboxRelay;
import dev.newsroom.platform.security.CurrentUser;
import dev.newsroom.platform.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Comments under live articles. Posting, editing and deleting write the comment's event into the
 * comment document's outbox in the same single-document write, then wake the relay.
 */
@Service
public class CommentService {

    /** Deletions of one article's comments in flight at once when the article goes. */
    private static final int CASCADE_CONCURRENCY = 8;

    private final ReactiveMongoTemplate mongo;
    private final ArticleProjection articles;
    private final CommentIds ids;
    private final FloodControl floodControl;
    private final OutboxRelay relay;
    private final JsonMapper json;
    private final Clock clock;
    private final int maxBodyLength;
    private final Duration editWindow;
    private final int maxDepth;
    private final ModerationChecks checks;
    private final Duration repeatWindow;

    CommentService(
            ReactiveMongoTemplate mongo,
            ArticleProjection articles,
            CommentIds ids,
            FloodControl floodControl,
            OutboxRelay relay,
            JsonMapper json,
            Clock clock,
            CommentServiceProperties properties) {
        this.mongo = mongo;
        this.articles = articles;
        this.ids = ids;
        this.floodControl = floodControl;
        this.relay = relay;
        this.json = json;
        this.clock = clock;
        this.maxBodyLength = properties.maxBodyLength();
        this.editWindow = properties.editWindow();
        this.maxDepth = properties.maxDepth();
        this.checks = new ModerationChecks(properties.moderation());
        this.repeatWindow = properties.moderation().repeats().within();
    }

    /**
     * The article's comments in thread order: each reply right after its parent, siblings oldest
     * first (RealWorld's list stays flat; {@code parentId} and {@code depth} give the shape back). A
     * deleted comment is listed, as a placeholder, only while live replies hang below it; so is a held
     * or rejected one for anybody but its author and moderators ({@code viewer} null: anonymous).
     */
    public Flux<Comment> list(String slug, CurrentUser viewer) {
        return articles.live(slug).flatMapMany(article -> inThreadOrder(article, null, viewer));
    }

    /** One page of {@link #list}: up to {@code limit} comments after the cursor's ({@code null}: from the start). */
    public Mono<Page> page(String slug, int limit, String afterPath, CurrentUser viewer) {
        return articles.live(slug)
                .flatMap(article -> inThreadOrder(article, afterPath, viewer)
                        .take(limit + 1L)
                        .collectList())
                .map(found -> Page.of(found, limit));
    }

    /** A page of comments, and the cursor of the next page if there is one. */
    public record Page(List<Comment> comments, String nextCursor) {

        static Page of(List<Comment> oneMoreThanAsked, int limit) {
            if (oneMoreThanAsked.size() <= limit) {
                return new Page(oneMoreThanAsked, null);
            }
            List<Comment> page = oneMoreThanAsked.subList(0, limit);
            return new Page(
                    List.copyOf(page), Threads.cursor(page.get(limit - 1).path()));
        }
    }

    private Flux<Comment> inThreadOrder(Article article, String afterPath, CurrentUser viewer) {
        String viewerId = viewer == null ? null : viewer.id();
        boolean moderator = viewer != null && viewer.isModerator();
        return Flux.defer(() -> {
            Query query = new Query(where("articleId").is(article.id())).with(Sort.by("path"));
            if (afterPath != null) {
                query.addCriteria(where("path").gt(afterPath));
            }
            query.fields().exclude(OutboxEvents.FIELD);
            Threads.Placeholders placeholders = new Threads.Placeholders();
            return mongo.find(query, Comment.class)
                    .map(comment -> comment.visibleTo(viewerId, moderator) ? comment : comment.asPlaceholder())
                    .concatMapIterable(placeholders::next);
        });
    }

    /** The live article with that slug, or 404 {@code article: not found}. */
    public Mono<Article> article(String slug) {
        return articles.live(slug);
    }

    /**
     * Posts a comment, or a reply when {@code parentId} names a published comment under the same
     * article that is not already at the maximum depth. The moderation checks publish it, hold it
     * for a moderator, or refuse it (422, saying why, nothing stored). The request is read only once
     * the article is known to exist, so an unknown slug is 404 whatever the body holds (the same
     * precedence as everywhere: 401, 404, 403, then 422).
     */
    public Mono<Comment> post(String slug, String authorId, Supplier<NewComment> request) {
        return articles.live(slug).flatMap(article -> postUnder(article, authorId, request.get()));
    }

    private Mono<Comment> postUnder(Article live, String authorId, NewComment request) {
        String body = request.body();
        Long parentId = request.parentId();
        Optional<String> problem = CommentRules.problemWithBody(body, maxBodyLength);
        if (problem.isPresent()) {
            return Mono.error(ApiException.invalid("body", problem.get()));
        }
        String fingerprint = ModerationChecks.fingerprint(body);
        return parent(live, parentId)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .zipWith(repeated(authorId, fingerprint))
                .flatMap(found -> {
                    ModerationChecks.Verdict verdict = checks.check(body, found.getT2());
                    if (verdict.refused()) {
                        return Mono.error(refusal(verdict));
                    }
                    // Counted only once the post is otherwise acceptable: refused ones do not use up the limit.
                    return floodControl
                            .admit(authorId)
                            .then(ids.next())
                            .map(id -> newComment(
                                    live, found.getT1().orElse(null), id, authorId, body, fingerprint, verdict));
                })
                .flatMap(mongo::insert)
                .doOnNext(comment -> relay.wakeUp());
    }

    /** What a client asks to post: the text, and the comment it answers (null for a top-level one). */
    public record NewComment(String body, Long parentId) {}

    /** Whether the author posted the same text within the repeat window. */
    private Mono<Boolean> repeated(String authorId, String fingerprint) {
        Query sameText = new Query(where("authorId")
                        .is(authorId)
                        .and("fingerprint")
                        .is(fingerprint)
                        .and("createdAt")
                        .gte(now().minus(repeatWindow)))
                .limit(1);
        return mongo.exists(sameText, Comment.class);
    }

    private static ApiException refusal(ModerationChecks.Verdict verdict) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, Map.of("body", verdict.reasons()), null);
    }

    private Mono<Comment> parent(Article article, Long parentId) {
        if (parentId == null) {
            return Mono.empty();
        }
        Query published = live(parentId)
                .addCriteria(where("articleId").is(article.id()))
                .addCriteria(where("status").is(CommentStatus.PUBLISHED.name()));
        return mongo.findOne(published, Comment.class)
                .switchIfEmpty(Mono.error(ApiException.invalid("parentId", "not found")))
                .filter(parent -> parent.depth() < maxDepth)
                .switchIfEmpty(Mono.error(
                        ApiException.invalid("parentId", "is too deeply nested (maximum depth is " + maxDepth + ")")));
    }

    private Comment newComment(
            Article article,
            Comment parent,
            long id,
            String authorId,
            String body,
            String fingerprint,
            ModerationChecks.Verdict verdict) {
        Instant now = now();
        Long parentId = parent == null ? null : parent.id();
        List<OutboxEvent> events = new ArrayList<>();
        events.add(OutboxEvent.of(
                CommentEvents.TOPIC,
                CommentEvents.POSTED,
                article.id(),
                String.valueOf(id),
                new CommentEvents.CommentPosted(
                        id,
                        article.id(),
                        authorId,
                        parentId,
                        body,
                        now,
                        verdict.status().label()),
                json));
        if (verdict.status() == CommentStatus.HELD) {
            events.add(moderatedEvent(id, article.id(), authorId, "held", null, verdict.reasons(), null, now, now));
        }
        return new Comment(
                id,
                article.id(),
                authorId,
                parentId,
                parent == null ? 0 : parent.depth() + 1,
                Threads.path(parent == null ? null : parent.path(), now, id),
                body,
                now,
                now,
                null,
                false,
                null,
                null,
                verdict.status(),
                verdict.reasons(),
                null,
                null,
                fingerprint,
                events);
    }

    private OutboxEvent moderatedEvent(
            long id,
            String articleId,
            String authorId,
            String decision,
            CommentStatus previous,
            List<String> reasons,
            String moderatorId,
            Instant createdAt,
            Instant at) {
        return OutboxEvent.of(
                CommentEvents.TOPIC,
                CommentEvents.MODERATED,
                articleId,
                String.valueOf(id),
                new CommentEvents.CommentModerated(
                        id,
                        articleId,
                        authorId,
                        decision,
                        previous == null ? null : previous.label(),
                        reasons,
                        moderatorId,
                        createdAt,
                        at),
                json);
    }

    /**
     * Changes a comment's body: only its author may, and only within the edit window after posting
     * ({@code newsroom.comments.edit-window}). The comment then carries {@code editedAt}.
     */
    public Mono<Comment> edit(String slug, String rawId, CurrentUser user, String body) {
        Optional<String> problem = CommentRules.problemWithBody(body, maxBodyLength);
        if (problem.isPresent()) {
            return Mono.error(ApiException.invalid("body", problem.get()));
        }
        return articles.live(slug)
                .flatMap(article -> commentUnder(article, rawId))
                .flatMap(comment -> editAs(user, comment, body));
    }

    private Mono<Comment> editAs(CurrentUser user, Comment comment, String body) {
        if (!user.id().equals(comment.authorId())) {
            return Mono.error(ApiException.forbidden("comment"));
        }
        Instant now = now();
        if (!CommentRules.withinEditWindow(comment.createdAt(), now, editWindow)) {
            return Mono.error(tooLateToEdit());
        }
        // An edit passes the same checks as a new comment (a repeat of itself is no repeat).
        ModerationChecks.Verdict verdict = checks.check(body, false);
        if (verdict.refused()) {
            return Mono.error(refusal(verdict));
        }
        List<OutboxEvent> events = new ArrayList<>();
        events.add(OutboxEvent.of(
                CommentEvents.TOPIC,
                CommentEvents.EDITED,
                comment.articleId(),
                String.valueOf(comment.id()),
                new CommentEvents.CommentEdited(comment.id(), comment.articleId(), user.id(), body, now),
                json));
        Update update = new Update()
                .set("body", body)
                .set("editedAt", now)
                .set("updatedAt", now)
                .set("fingerprint", ModerationChecks.fingerprint(body));
        // A published comment that an edit would have held goes back to the moderators; a held or
        // rejected one stays as it is until a moderator decides.
        boolean heldNow = verdict.status() == CommentStatus.HELD && comment.status() == CommentStatus.PUBLISHED;
        if (heldNow) {
            update.set("status", CommentStatus.HELD.name())
                    .set("moderationReasons", verdict.reasons())
                    .set("moderatedAt", now);
            events.add(moderatedEvent(
                    comment.id(),
                    comment.articleId(),
                    comment.authorId(),
                    "held",
                    CommentStatus.PUBLISHED,
                    verdict.reasons(),
                    null,
                    comment.createdAt(),
                    now));
        }
        // The same conditions again in the write: deleted, moderated or past the window in the
        // meantime, it stays as it is.
        Query stillEditable = live(comment.id())
                .addCriteria(where("authorId").is(user.id()))
                .addCriteria(where("status").is(comment.status().name()))
                .addCriteria(where("createdAt").gte(now.minus(editWindow)));
        return mongo.findAndModify(
                        stillEditable,
                        OutboxEvents.appendTo(update, events),
                        FindAndModifyOptions.options().returnNew(true),
                        Comment.class)
                .switchIfEmpty(Mono.error(ApiException.notFound("comment")))
                .doOnNext(changed -> relay.wakeUp());
    }

    private static ApiException tooLateToEdit() {
        return new ApiException(HttpStatus.FORBIDDEN, "comment", "can no longer be edited");
    }

    /**
     * Deletes a comment under the article: allowed to its author, to the article's author and to
     * moderators. An id that does not name a live comment under this very article, or one the user
     * may not even see (held or rejected, and not theirs), is a 404, whatever it looks like.
     */
    public Mono<Void> delete(String slug, String rawId, CurrentUser user) {
        return articles.live(slug).flatMap(article -> deleteUnder(article, rawId, user));
    }

    private Mono<Void> deleteUnder(Article article, String rawId, CurrentUser user) {
        return commentUnder(article, rawId)
                .filter(comment -> comment.visibleTo(user.id(), user.isModerator()))
                .switchIfEmpty(Mono.error(ApiException.notFound("comment")))
                .flatMap(comment -> deleteAs(user, article, comment));
    }

    private Mono<Comment> commentUnder(Article article, String rawId) {
        OptionalLong id = CommentRules.parseId(rawId);
        if (id.isEmpty()) {
            return Mono.error(ApiException.notFound("comment"));
        }
        return mongo.findOne(live(id.getAsLong()).addCriteria(where("articleId").is(article.id())), Comment.class)
                .switchIfEmpty(Mono.error(ApiException.notFound("comment")));
    }

    private Mono<Void> deleteAs(CurrentUser user, Article article, Comment comment) {
        if (!CommentRules.mayDelete(user.id(), user.isModerator(), comment.authorId(), article.authorId())) {
            return Mono.error(ApiException.forbidden("comment"));
        }
        return markDeleted(comment, user.id(), null, now())
                .flatMap(deleted -> deleted
                        ? Mono.<Void>empty()
                        // Deleted (or moderated) by someone else in the meantime.
                        : Mono.error(ApiException.notFound("comment")))
                .doOnSuccess(done -> relay.wakeUp());
    }

    /**
     * Deletes every live comment under an article that was deleted, each with its own {@code
     * deleted} event ({@code reason} {@value CommentEvents#ARTICLE_DELETED}) in its own outbox.
     * Idempotent: a redelivered article deletion finds nothing live left and publishes nothing, and
     * one interrupted half-way finishes the rest. Emits how many comments it deleted.
     */
    public Mono<Long> deleteAllUnder(String articleId, String deletedBy, Instant deletedAt) {
        Query liveUnder =
                new Query(where("articleId").is(articleId).and("deleted").ne(true));
        liveUnder.fields().exclude(OutboxEvents.FIELD).exclude("body");
        Instant at = deletedAt.truncatedTo(ChronoUnit.MILLIS);
        return mongo.find(liveUnder, Comment.class)
                .flatMap(
                        comment -> markDeleted(comment, deletedBy, CommentEvents.ARTICLE_DELETED, at),
                        CASCADE_CONCURRENCY)
                .filter(Boolean::booleanValue)
                .count()
                .doOnNext(deleted -> {
                    if (deleted > 0) {
                        relay.wakeUp();
                    }
                });
    }

    /**
     * Marks a live comment deleted with its event, in one write, provided its status is still the
     * one read (the event says whether it was public); emits whether it was written.
     */
    private Mono<Boolean> markDeleted(Comment comment, String deletedBy, String reason, Instant at) {
        OutboxEvent deleted = OutboxEvent.of(
                CommentEvents.TOPIC,
                CommentEvents.DELETED,
                comment.articleId(),
                String.valueOf(comment.id()),
                new CommentEvents.CommentDeleted(
                        comment.id(),
                        comment.articleId(),
                        deletedBy,
                        at,
                        reason,
                        comment.createdAt(),
                        comment.status() == CommentStatus.PUBLISHED),
                json);
        Update update = new Update()
                .set("deleted", true)
                .set("deletedAt", at)
                .set("deletedBy", deletedBy)
                .set("updatedAt", at)
                // The document stays (until its event is relayed, and as a thread's placeholder); the words do not.
                .unset("body");
        Query unchanged = live(comment.id())
                .addCriteria(where("status").is(comment.status().name()));
        return mongo.updateFirst(unchanged, OutboxEvents.appendTo(update, deleted), Comment.class)
                .map(result -> result.getModifiedCount() > 0);
    }

    /**
     * A moderator's decision on a comment: {@code approve} publishes a held or rejected one, {@code
     * reject} hides a held or published one from everyone but its author and moderators. Deciding
     * what is already so changes nothing and publishes nothing. Emits the comment as it now is.
     */
    public Mono<Comment> moderate(String rawId, boolean approve, CurrentUser moderator) {
        OptionalLong id = CommentRules.parseId(rawId);
        if (id.isEmpty()) {
            return Mono.error(ApiException.notFound("comment"));
        }
        return mongo.findOne(live(id.getAsLong()), Comment.class)
                .switchIfEmpty(Mono.error(ApiException.notFound("comment")))
                .flatMap(comment ->
                        decide(comment, approve ? CommentStatus.PUBLISHED : CommentStatus.REJECTED, moderator));
    }

    private Mono<Comment> decide(Comment comment, CommentStatus target, CurrentUser moderator) {
        if (comment.status() == target) {
            return Mono.just(comment);
        }
        Instant now = now();
        OutboxEvent moderated = moderatedEvent(
                comment.id(),
                comment.articleId(),
                comment.authorId(),
                target == CommentStatus.PUBLISHED ? "approved" : "rejected",
                comment.status(),
                comment.moderationReasons(),
                moderator.id(),
                comment.createdAt(),
                now);
        Update update = new Update()
                .set("status", target.name())
                .set("moderatedBy", moderator.id())
                .set("moderatedAt", now);
        Query unchanged = live(comment.id())
                .addCriteria(where("status").is(comment.status().name()));
        return mongo.findAndModify(
                        unchanged,
                        OutboxEvents.appendTo(update, moderated),
                        FindAndModifyOptions.options().returnNew(true),
                        Comment.class)
                // Someone decided (or deleted it) at the same moment: answer with how it is now.
                .switchIfEmpty(Mono.defer(() -> mongo.findOne(live(comment.id()), Comment.class)))
                .switchIfEmpty(Mono.error(ApiException.notFound("comment")))
                .doOnNext(decided -> relay.wakeUp());
    }

    /** The comments waiting for a moderator, oldest first, after the cursor's ({@code null}: from the start). */
    public Mono<HeldPage> held(int limit, HeldCursor after) {
        Query query = new Query(where("status")
                        .is(CommentStatus.HELD.name())
                        .and("deleted")
                        .ne(true))
                .with(Sort.by("createdAt", "_id"))
                .limit(limit + 1);
        if (after != null) {
            query.addCriteria(new Criteria()
                    .orOperator(
                            where("createdAt").gt(after.createdAt()),
                            where("createdAt").is(after.createdAt()).and("_id").gt(after.id())));
        }
        query.fields().exclude(OutboxEvents.FIELD);
        return mongo.find(query, Comment.class).collectList().flatMap(found -> {
            List<Comment> page = found.size() > limit ? found.subList(0, limit) : found;
            String next =
                    found.size() > limit ? HeldCursor.of(page.get(limit - 1)).encode() : null;
            Set<String> articleIds = new LinkedHashSet<>();
            page.forEach(comment -> articleIds.add(comment.articleId()));
            return articles.byIds(articleIds).map(byId -> new HeldPage(List.copyOf(page), byId, next));
        });
    }

    /** A page of held comments with the articles they are under, and the next page's cursor or null. */
    public record HeldPage(List<Comment> comments, Map<String, Article> articles, String nextCursor) {}

    /**
     * How many public comments (published, not deleted) each article has; an id with none (or unknown here) counts 0. One
     * aggregation for all of them, served by the {@code articleId} index.
     */
    public Mono<Map<String, Long>> counts(List<String> articleIds) {
        Map<String, Long> counts = new LinkedHashMap<>();
        new LinkedHashSet<>(articleIds).forEach(id -> counts.put(id, 0L));
        if (counts.isEmpty()) {
            return Mono.just(counts);
        }
        Aggregation countLive = Aggregation.newAggregation(
                Aggregation.match(where("articleId")
                        .in(counts.keySet())
                        .and("deleted")
                        .ne(true)
                        .and("status")
                        .is(CommentStatus.PUBLISHED.name())),
                Aggregation.group("articleId").count().as("count"));
        return mongo.aggregate(countLive, Comment.COLLECTION, Document.class)
                .doOnNext(found -> counts.put(found.getString("_id"), ((Number) found.get("count")).longValue()))
                .then(Mono.fromSupplier(() -> counts));
    }

    private static Query live(long id) {
        return new Query(where("_id").is(id).and("deleted").ne(true));
    }

    /** Milliseconds, as MongoDB stores them, so a comment reads back exactly as it was written. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
