package dev.newsroom.article.article;

import dev.newsroom.article.messaging.ArticleEvents;
import dev.newsroom.article.messaging.ArticleEvents.ArticleDeleted;
import dev.newsroom.article.messaging.ArticleEvents.ArticleFavorited;
import dev.newsroom.article.messaging.ArticleEvents.ArticleSnapshot;
import dev.newsroom.article.messaging.ArticleEvents.ArticleUnfavorited;
import dev.newsroom.platform.outbox.OutboxEvent;
import dev.newsroom.platform.outbox.OutboxEvents;
import dev.newsroom.platform.outbox.OutboxRelay;
import dev.newsroom.platform.outbox.StoreRetry;
import dev.newsroom.platform.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Articles and favourites. Every change writes its event into the article's outbox in the same
 * single-document update, then wakes the relay; only the author may change or delete an article.
 */
@Service
public class ArticleService {

    private static final int SLUG_ATTEMPTS = 5;

    private final ReactiveMongoTemplate mongo;
    private final MarkdownRenderer markdown;
    private final OutboxRelay relay;
    private final JsonMapper json;
    private final Clock clock;

    ArticleService(
            ReactiveMongoTemplate mongo, MarkdownRenderer markdown, OutboxRelay relay, JsonMapper json, Clock clock) {
        this.mongo = mongo;
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
        return Mono.defer(() -> mongo.insert(newArticle(authorId, input)))
                .retryWhen(Retry.max(SLUG_ATTEMPTS - 1)
                        .filter(DuplicateKeyException.class::isInstance)
                        .onRetryExhaustedThrow((spec, signal) -> ApiException.taken("slug")))
                .doOnNext(article -> relay.wakeUp());
    }

    private Article newArticle(String authorId, ArticleInput input) {
        Instant now = now();
        Article article = new Article(
                UUID.randomUUID().toString(),
                Slugs.of(input.title()),
                input.title(),
                input.description(),
                input.body(),
                markdown.toSafeHtml(input.body()),
                input.tagList(),
                authorId,
                input.labels(),
                input.source(),
                input.coverImage(),
                0,
                now,
                now,
                false,
                List.of());
        OutboxEvent published = event(ArticleEvents.PUBLISHED, article.id(), ArticleSnapshot.of(article));
        return withOutbox(article, published);
    }

    public Mono<Article> bySlug(String slug) {
        if (slug == null || slug.isBlank() || slug.length() > 200) {
            return Mono.error(ApiException.notFound("article"));
        }
        return mongo.findOne(live(Criteria.where("slug").is(slug)), Article.class)
                .switchIfEmpty(Mono.error(ApiException.notFound("article")));
    }

    /**
     * Changes the fields the {@code article} object of the request names. The article is found
     * (404) and its ownership checked (403) before the request's fields are (422), so the answer
     * is the same whatever the body holds.
     */
    public Mono<Article> update(String slug, String userId, JsonNode article) {
        return ownedBy(slug, userId).flatMap(current -> {
            Article changed = applied(current, ArticleInput.parse(article, false));
            Update update = new Update()
                    .set("title", changed.title())
                    .set("description", changed.description())
                    .set("body", changed.body())
                    .set("bodyHtml", changed.bodyHtml())
                    .set("tagList", changed.tagList())
                    .set("labels", changed.labels())
                    .set("source", changed.source())
                    .set("coverImage", changed.coverImage())
                    .set("updatedAt", changed.updatedAt());
            OutboxEvents.appendTo(update, event(ArticleEvents.UPDATED, current.id(), ArticleSnapshot.of(changed)));
            return mongo.findAndModify(
                            live(Criteria.where("_id").is(current.id())),
                            update,
                            FindAndModifyOptions.options().returnNew(true),
                            Article.class)
                    .switchIfEmpty(Mono.error(ApiException.notFound("article")))
                    .doOnNext(saved -> relay.wakeUp());
        });
    }

    /** The article as it is after {@code input}; the slug and createdAt never change. */
    private Article applied(Article current, ArticleInput input) {
        String body = input.has("body") ? input.body() : current.body();
        return new Article(
                current.id(),
                current.slug(),
                input.has("title") ? input.title() : current.title(),
                input.has("description") ? input.description() : current.description(),
                body,
                input.has("body") ? markdown.toSafeHtml(body) : current.bodyHtml(),
                input.has("tagList") ? input.tagList() : current.tagList(),
                current.authorId(),
                input.has("labels") ? input.labels() : current.labels(),
                input.has("source") ? input.source() : current.source(),
                input.has("coverImage") ? input.coverImage() : current.coverImage(),
                current.favoritesCount(),
                current.createdAt(),
                now(),
                false,
                current.outbox());
    }

    /**
     * Marks the article deleted (a tombstone that keeps the deletion event until it is relayed) and
     * removes its favourites; no read returns it from here on.
     */
    public Mono<Void> delete(String slug, String userId) {
        return ownedBy(slug, userId).flatMap(current -> {
            Instant now = now();
            Update tombstone = OutboxEvents.appendTo(
                    new Update().set("deleted", true).set("updatedAt", now),
                    event(
                            ArticleEvents.DELETED,
                            current.id(),
                            new ArticleDeleted(current.id(), current.slug(), current.authorId(), now)));
            return mongo.updateFirst(live(Criteria.where("_id").is(current.id())), tombstone, Article.class)
                    .doOnNext(result -> relay.wakeUp())
                    .then(mongo.remove(new Query(Criteria.where("articleId").is(current.id())), Favorite.class))
                    .then();
        });
    }

    // Each step retries on its own when the store refused it unsent (StoreRetry): the favourite and
    // the count live in two documents, so a retry of the whole would find the favourite and skip
    // the count.
    public Mono<Article> favorite(String slug, String userId) {
        return bySlug(slug)
                .retryWhen(StoreRetry.unsent())
                .flatMap(article -> mongo.insert(
                                new Favorite(Favorite.idOf(article.id(), userId), article.id(), userId, now()))
                        .retryWhen(StoreRetry.unsent())
                        .then(Mono.defer(() -> changeCount(article, userId, +1)))
                        // Favouriting twice: the favourite exists already and the count stays as it is.
                        .onErrorResume(DuplicateKeyException.class, already -> Mono.just(article)));
    }

    public Mono<Article> unfavorite(String slug, String userId) {
        return bySlug(slug)
                .retryWhen(StoreRetry.unsent())
                .flatMap(article -> mongo.remove(
                                new Query(Criteria.where("_id").is(Favorite.idOf(article.id(), userId))),
                                Favorite.class)
                        .retryWhen(StoreRetry.unsent())
                        .flatMap(removed -> removed.getDeletedCount() == 0
                                ? Mono.just(article)
                                : changeCount(article, userId, -1)));
    }

    /** Moves the count and records the event in one update of the article document. */
    private Mono<Article> changeCount(Article article, String userId, int delta) {
        Instant now = now();
        OutboxEvent changed = delta > 0
                ? event(ArticleEvents.FAVORITED, article.id(), new ArticleFavorited(article.id(), userId, now))
                : event(ArticleEvents.UNFAVORITED, article.id(), new ArticleUnfavorited(article.id(), userId, now));
        return mongo.findAndModify(
                        live(Criteria.where("_id").is(article.id())),
                        OutboxEvents.appendTo(new Update().inc("favoritesCount", delta), changed),
                        FindAndModifyOptions.options().returnNew(true),
                        Article.class)
                .retryWhen(StoreRetry.unsent())
                .doOnNext(counted -> relay.wakeUp())
                .switchIfEmpty(Mono.error(ApiException.notFound("article")));
    }

    public Mono<ArticlePage> list(ArticleQuery query, String viewerId) {
        return criteria(query).flatMap(criteria -> {
            Query matching = live(criteria);
            Query page = Query.of(matching)
                    .with(Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("_id")))
                    .skip(query.offset())
                    .limit(query.limit());
            page.fields().exclude("body", "bodyHtml", "outbox");
            return Mono.zip(mongo.find(page, Article.class).collectList(), mongo.count(matching, Article.class))
                    .flatMap(found -> favoritedBy(viewerId, found.getT1())
                            .map(favorited -> new ArticlePage(found.getT1(), found.getT2(), favorited)));
        });
    }

    /** The filters as one criteria; a favouriting user is resolved to the articles they favourited. */
    private Mono<Criteria> criteria(ArticleQuery query) {
        Criteria criteria = new Criteria();
        if (query.tag() != null) {
            criteria.and("tagList").is(query.tag());
        }
        if (query.authorIds() != null) {
            criteria.and("authorId").in(query.authorIds());
        }
        if (query.favoritedBy() == null) {
            return Mono.just(criteria);
        }
        return mongo.find(new Query(Criteria.where("userId").is(query.favoritedBy())), Favorite.class)
                .map(Favorite::articleId)
                .collectList()
                .map(ids -> criteria.and("_id").in(ids));
    }

    /** Which of {@code articles} the viewer favourited: one query for a whole page. */
    public Mono<Set<String>> favoritedBy(String viewerId, Collection<Article> articles) {
        if (viewerId == null || articles.isEmpty()) {
            return Mono.just(Set.of());
        }
        List<String> ids = articles.stream()
                .map(article -> Favorite.idOf(article.id(), viewerId))
                .toList();
        return mongo.find(new Query(Criteria.where("_id").in(ids)), Favorite.class)
                .map(Favorite::articleId)
                .collect(Collectors.toCollection(HashSet::new));
    }

    /** Articles by id, without their bodies, for the gateway and trending. */
    public Flux<Article> byIds(Collection<String> ids) {
        Query query = live(Criteria.where("_id").in(ids));
        query.fields().exclude("body", "bodyHtml", "outbox");
        return mongo.find(query, Article.class);
    }

    /** Every tag on a live article, the most used first. */
    public Flux<String> tags() {
        Aggregation popularity = Aggregation.newAggregation(
                Aggregation.match(Criteria.where("deleted").is(false)),
                Aggregation.project("tagList"),
                Aggregation.unwind("tagList"),
                Aggregation.group("tagList").count().as("uses"),
                Aggregation.sort(Sort.by(Sort.Order.desc("uses"), Sort.Order.asc("_id"))));
        return mongo.aggregate(popularity, Article.COLLECTION, Document.class).map(tag -> tag.getString("_id"));
    }

    private Mono<Article> ownedBy(String slug, String userId) {
        return bySlug(slug)
                .flatMap(article -> article.authorId().equals(userId)
                        ? Mono.just(article)
                        : Mono.error(ApiException.forbidden("article")));
    }

    private OutboxEvent event(String type, String articleId, Object data) {
        return OutboxEvent.of(ArticleEvents.TOPIC, type, articleId, data, json);
    }

    private static Article withOutbox(Article article, OutboxEvent event) {
        return new Article(
                article.id(),
                article.slug(),
                article.title(),
                article.description(),
                article.body(),
                article.bodyHtml(),
                article.tagList(),
                article.authorId(),
                article.labels(),
                article.source(),
                article.coverImage(),
                article.favoritesCount(),
                article.createdAt(),
                article.updatedAt(),
                article.deleted(),
                List.of(event));
    }

    private static Query live(Criteria criteria) {
        return new Query(criteria.and("deleted").is(false));
    }

    /** RealWorld timestamps carry milliseconds, and MongoDB keeps no more than that. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
