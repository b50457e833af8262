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
 * tombstone until its deletion is relayed, and nothing here returns it.
 */
@Repository
class ArticleRepository implements SmartInitializingSingleton {

    private final ReactiveMongoTemplate mongo;

    ArticleRepository(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Indexes for every list query and the unique slug, in place before the first request. */
    @Override
    public void afterSingletonsInstantiated() {
        var articles = mongo.indexOps(Article.class);
        Flux.concat(
                        articles.createIndex(
                                new Index("slug", Sort.Direction.ASC).unique().named("slug")),
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
                                .named("byAuthor")))
                .blockLast();
    }

    /** Fails with a {@code DuplicateKeyException} when the slug is taken. */
    Mono<Article> insert(Article article) {
        return mongo.insert(article);
    }

    Mono<Article> bySlug(String slug) {
        return mongo.findOne(live(Criteria.where("slug").is(slug)), Article.class);
    }

    /** Articles by id, without their bodies. */
    Flux<Article> byIds(Collection<String> ids) {
        Query query = live(Criteria.where("_id").in(ids));
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
        Query matching = live(criteria);
        Query page = Query.of(matching)
                .with(Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("_id")))
                .skip(offset)
                .limit(limit);
        page.fields().exclude("body", "bodyHtml", "outbox");
        return Mono.zip(mongo.find(page, Article.class).collectList(), mongo.count(matching, Article.class))
                .map(found -> new Page(found.getT1(), found.getT2()));
    }

    record Page(List<Article> articles, long total) {}

    /** Every tag on a live article, the most used first. */
    Flux<String> tags() {
        Aggregation popularity = Aggregation.newAggregation(
                Aggregation.match(Criteria.where("deleted").is(false)),
                Aggregation.project("tagList"),
                Aggregation.unwind("tagList"),
                Aggregation.group("tagList").count().as("uses"),
                Aggregation.sort(Sort.by(Sort.Order.desc("uses"), Sort.Order.asc("_id"))));
        return mongo.aggregate(popularity, Article.COLLECTION, Document.class).map(tag -> tag.getString("_id"));
    }

    /** Stores the written fields of {@code changed} with {@code event}; empty if it was deleted meanwhile. */
    Mono<Article> update(Article changed, OutboxEvent event) {
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
        OutboxEvents.appendTo(update, event);
        return mongo.findAndModify(
                live(Criteria.where("_id").is(changed.id())),
                update,
                FindAndModifyOptions.options().returnNew(true),
                Article.class);
    }

    /** Marks the article deleted, keeping {@code event} in its outbox until it is relayed. */
    Mono<Void> markDeleted(String id, Instant now, OutboxEvent event) {
        Update tombstone =
                OutboxEvents.appendTo(new Update().set("deleted", true).set("updatedAt", now), event);
        return mongo.updateFirst(live(Criteria.where("_id").is(id)), tombstone, Article.class)
                .then();
    }

    /** Moves the count and records {@code event} in one update; empty if the article was deleted. */
    Mono<Article> changeFavoritesCount(String id, int delta, OutboxEvent event) {
        return mongo.findAndModify(
                live(Criteria.where("_id").is(id)),
                OutboxEvents.appendTo(new Update().inc("favoritesCount", delta), event),
                FindAndModifyOptions.options().returnNew(true),
                Article.class);
    }

    private static Query live(Criteria criteria) {
        return new Query(criteria.and("deleted").is(false));
    }
}
