package dev.newsroom.article.article;

import java.util.List;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * The {@code revisions} collection: one document per saved change of a story's content, keyed by
 * article id and number (saving the same revision again replaces it, so a retried write leaves one),
 * and at most one pending revision per story ({@link Revision#PENDING}), which lists leave out.
 */
@Repository
class RevisionRepository implements SmartInitializingSingleton {

    private final ReactiveMongoTemplate mongo;

    RevisionRepository(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterSingletonsInstantiated() {
        mongo.indexOps(Revision.class)
                .createIndex(new Index()
                        .on("articleId", Sort.Direction.ASC)
                        .on("number", Sort.Direction.DESC)
                        .named("byArticle"))
                .block();
    }

    Mono<Revision> save(Revision revision) {
        return mongo.save(revision);
    }

    /**
     * One page of the article's revisions, newest first, plus the one before the page's oldest (to
     * diff it against), and how many there are.
     */
    Mono<Page> page(String articleId, int offset, int limit) {
        Query all = new Query(
                Criteria.where("articleId").is(articleId).and("number").gte(0));
        Query page = Query.of(all)
                .with(Sort.by(Sort.Order.desc("number")))
                .skip(offset)
                .limit(limit + 1);
        return Mono.zip(mongo.find(page, Revision.class).collectList(), mongo.count(all, Revision.class))
                .map(found -> new Page(found.getT1(), found.getT2()));
    }

    /** Up to limit + 1 revisions, newest first (the last one only to diff against), and the total. */
    record Page(List<Revision> revisions, long total) {}

    /**
     * One page of the pending revisions, the one waiting longest first, of every story or (with
     * {@code by}) of one writer's, and how many there are.
     */
    Mono<Page> pending(String by, int offset, int limit) {
        Criteria criteria = Criteria.where("number").is(Revision.PENDING);
        if (by != null) {
            criteria = criteria.and("by").is(by);
        }
        Query all = new Query(criteria);
        Query page = Query.of(all)
                .with(Sort.by(Sort.Order.asc("at"), Sort.Order.asc("articleId")))
                .skip(offset)
                .limit(limit);
        return Mono.zip(mongo.find(page, Revision.class).collectList(), mongo.count(all, Revision.class))
                .map(found -> new Page(found.getT1(), found.getT2()));
    }

    /** Takes the story's pending revision away (one caller gets it), or empty if there is none. */
    Mono<Revision> takePending(String articleId) {
        return mongo.findAndRemove(
                new Query(
                        Criteria.where("articleId").is(articleId).and("number").is(Revision.PENDING)),
                Revision.class);
    }

    Mono<Revision> byNumber(String articleId, long number) {
        return mongo.findOne(
                new Query(
                        Criteria.where("articleId").is(articleId).and("number").is(number)),
                Revision.class);
    }
}
