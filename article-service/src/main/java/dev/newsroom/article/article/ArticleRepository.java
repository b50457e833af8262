package dev.newsroom.article.article;

import dev.newsroom.platform.outbox.OutboxEvent;
import dev.newsroom.platform.outbox.OutboxEvents;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.bson.Document;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code articles} collection. Every change is one single-document update that carries its
 * event into the article's outbox. Reads only ever see live articles: a deleted one stays as a
 * tombstone until its deletion is relayed, and nothing here returns it. Public reads (lists, tags,
 * by id) see published articles only; {@link #bySlugInAnyStatus} and the desk's queues see the rest.
 * A change of content or status lands only on the version it was computed from ({@link
 * Article#version()}).
 */
@Repository
class ArticleRepository implements SmartInitializingSingleton {

    private final ReactiveMongoTemplate mongo;

    ArticleRepository(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Indexes for every list query and the unique slug, in place before the first request; articles
     * stored before the workflow existed become published, at version 0.
     */
    @Override
    public void afterSingletonsInstantiated() {
        var articles = mongo.indexOps(Article.class);
        Mono.when(
                        mongo.updateMulti(
                                new Query(Criteria.where("status").exists(false)),
                                new Update().set("status", Status.PUBLISHED),
                                Article.class),
                        mongo.updateMulti(
                                new Query(Criteria.where("version").exists(false)),
                                new Update().set("version", 0L),
                                Article.class))
                .then(Flux.concat(
                                articles.createIndex(new Index("slug", Sort.Direction.ASC)
                                        .unique()
                                        .named("slug")),
                                articles.createIndex(new Index()
                                        .on("deleted", Sort.Direction.ASC)
                                        .on("createdAt", Sort.Direction.DESC)
                                        .named("latest")),
                                articles.createIndex(new Index()
                                        .on("tagList", Sort.Direction.ASC)
                                        .on("createdAt", Sort.Direction.DESC)
                                        .named("byTag")),
                                articles.createIndex(new Index()
                                        .on("authorId", Sort.Direction.ASC)
                                        .on("createdAt", Sort.Direction.DESC)
                                        .named("byAuthor")),
                                articles.createIndex(new Index()
                                        .on("status", Sort.Direction.ASC)
                                        .on("publishAt", Sort.Direction.ASC)
                                        .named("due")))
                        .then())
                .block();
    }

    /** Fails with a {@code DuplicateKeyException} when the slug is taken. */
    Mono<Article> insert(Article article) {
        return mongo.insert(article);
    }

    /** The published article with that slug. */
    Mono<Article> bySlug(String slug) {
        return mongo.findOne(published(Criteria.where("slug").is(slug)), Article.class);
    }

    /** The article with that slug whatever its status (for its author, the editors and the desk). */
    Mono<Article> bySlugInAnyStatus(String slug) {
        return mongo.findOne(live(Criteria.where("slug").is(slug)), Article.class);
    }

    /** Articles by id, without their bodies. */
    Flux<Article> byIds(Collection<String> ids) {
        Query query = published(Criteria.where("_id").in(ids));
        query.fields().exclude("body", "bodyHtml", "outbox");
        return mongo.find(query, Article.class);
    }

    /**
     * One page of the live articles that match, newest first, without their bodies, and how many
     * match in all. Every filter is optional; {@code ids}, when given, limits the articles to those.
     */
    Mono<Page> page(String tag, Collection<String> authorIds, Collection<String> ids, int offset, int limit) {
        Criteria criteria = new Criteria();
        if (tag != null) {
            criteria.and("tagList").is(tag);
        }
        if (authorIds != null) {
            criteria.and("authorId").in(authorIds);
        }
        if (ids != null) {
            criteria.and("_id").in(ids);
        }
        Query matching = published(criteria);
        Query page = Query.of(matching)
                .with(Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("_id")))
                .skip(offset)
                .limit(limit);
        page.fields().exclude("body", "bodyHtml", "outbox");
        return Mono.zip(mongo.find(page, Article.class).collectList(), mongo.count(matching, Article.class))
                .map(found -> new Page(found.getT1(), found.getT2()));
    }

    record Page(List<Article> articles, long total) {}

    /** Every tag on a published article, the most used first. */
    Flux<String> tags() {
        Aggregation popularity = Aggregation.newAggregation(
                Aggregation.match(
                        Criteria.where("deleted").is(false).and("status").is(Status.PUBLISHED)),
                Aggregation.project("tagList"),
                Aggregation.unwind("tagList"),
                Aggregation.group("tagList").count().as("uses"),
                Aggregation.sort(Sort.by(Sort.Order.desc("uses"), Sort.Order.asc("_id"))));
        return mongo.aggregate(popularity, Article.COLLECTION, Document.class).map(tag -> tag.getString("_id"));
    }

    /**
     * Stores the written fields of {@code changed} with {@code events}, if the stored article is
     * still at the version {@code changed} was computed from; empty otherwise (changed meanwhile, or
     * deleted).
     */
    Mono<Article> update(Article changed, List<OutboxEvent> events) {
        Update update = new Update()
                .set("title", changed.title())
                .set("description", changed.description())
                .set("body", changed.body())
                .set("bodyHtml", changed.bodyHtml())
                .set("tagList", changed.tagList())
                .set("labels", changed.labels())
                .set("source", changed.source())
                .set("coverImage", changed.coverImage())
                .set("updatedAt", changed.updatedAt())
                .set("version", changed.version());
        return replaceIfUnchanged(changed, update, events);
    }

    /**
     * Stores the status of {@code moved} and the times that go with it, with {@code events}, if the
     * stored article is still at the version {@code moved} was computed from; empty otherwise.
     */
    Mono<Article> move(Article moved, List<OutboxEvent> events) {
        Update update = new Update()
                .set("status", moved.status())
                .set("publishAt", moved.publishAt())
                .set("publishedAt", moved.publishedAt())
                .set("createdAt", moved.createdAt())
                .set("updatedAt", moved.updatedAt())
                .set("alert", moved.alert())
                .set("version", moved.version());
        return replaceIfUnchanged(moved, update, events);
    }

    /**
     * Stores the corrections of {@code corrected} with {@code events}, if the stored article is still
     * at the version {@code corrected} was computed from; empty otherwise.
     */
    Mono<Article> correct(Article corrected, List<OutboxEvent> events) {
        Update update = new Update().set("corrections", corrected.corrections()).set("version", corrected.version());
        return replaceIfUnchanged(corrected, update, events);
    }

    /**
     * Stores the alert of {@code changed} with {@code events}, if the stored article is still at the
     * version {@code changed} was computed from; empty otherwise.
     */
    Mono<Article> changeAlert(Article changed, List<OutboxEvent> events) {
        Update update = new Update().set("alert", changed.alert()).set("version", changed.version());
        return replaceIfUnchanged(changed, update, events);
    }

    private Mono<Article> replaceIfUnchanged(Article next, Update update, List<OutboxEvent> events) {
        if (!events.isEmpty()) {
            OutboxEvents.appendTo(update, events);
        }
        return mongo.findAndModify(
                live(Criteria.where("_id").is(next.id()).and("version").is(next.version() - 1)),
                update,
                FindAndModifyOptions.options().returnNew(true),
                Article.class);
    }

    /**
     * Marks the article deleted, keeping {@code events} (its deletion, for a story consumers know)
     * in its outbox until they are relayed.
     */
    Mono<Void> markDeleted(String id, Instant now, List<OutboxEvent> events) {
        Update tombstone = new Update().set("deleted", true).set("updatedAt", now);
        if (!events.isEmpty()) {
            OutboxEvents.appendTo(tombstone, events);
        }
        return mongo.updateFirst(live(Criteria.where("_id").is(id)), tombstone, Article.class)
                .then();
    }

    /** Scheduled articles whose time has come by {@code now}, the most overdue first, at most {@code limit}. */
    Flux<Article> due(Instant now, int limit) {
        Query query = live(Criteria.where("status")
                        .is(Status.SCHEDULED)
                        .and("publishAt")
                        .lte(now))
                .with(Sort.by(Sort.Order.asc("publishAt")))
                .limit(limit);
        return mongo.find(query, Article.class);
    }

    /**
     * One page of a desk queue: the live articles in {@code status} (by {@code authorId} only, when
     * given), without their bodies, in {@code order}, and how many there are in all.
     */
    Mono<Page> queue(Status status, String authorId, Sort order, int offset, int limit) {
        Criteria criteria = Criteria.where("status").is(status);
        if (authorId != null) {
            criteria.and("authorId").is(authorId);
        }
        Query matching = live(criteria);
        Query page = Query.of(matching).with(order).skip(offset).limit(limit);
        page.fields().exclude("body", "bodyHtml", "outbox");
        return Mono.zip(mongo.find(page, Article.class).collectList(), mongo.count(matching, Article.class))
                .map(found -> new Page(found.getT1(), found.getT2()));
    }

    /** Moves the count and records {@code event} in one update; empty if the article is not published. */
    Mono<Article> changeFavoritesCount(String id, int delta, OutboxEvent event) {
        return mongo.findAndModify(
                published(Criteria.where("_id").is(id)),
                OutboxEvents.appendTo(new Update().inc("favoritesCount", delta), event),
                FindAndModifyOptions.options().returnNew(true),
                Article.class);
    }

    /** Not deleted, in any status. */
    private static Query live(Criteria criteria) {
        return new Query(criteria.and("deleted").is(false));
    }

    /** Not deleted, and published: what the public sees. */
    private static Query published(Criteria criteria) {
        return new Query(criteria.and("deleted").is(false).and("status").is(Status.PUBLISHED));
    }
}
