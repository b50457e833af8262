package dev.newsroom.comment.comment;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import dev.newsroom.platform.outbox.OutboxEvent;
import dev.newsroom.platform.outbox.OutboxEvents;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code comments} collection: the only code that knows how comments are stored, queried and
 * indexed. Every write that changes a comment is one conditional single-document write that also
 * appends the change's events to the document's outbox, so the change and its events are stored
 * together or not at all; a condition that no longer holds (someone else changed the comment in the
 * meantime) writes nothing, and the caller decides what that means.
 */
@Component
class CommentRepository {

    /** Legacy comments given a path at once during the start-up backfill. */
    private static final int BACKFILL_CONCURRENCY = 8;

    /** Thread order (see {@link Threads}), served by the {@code articleId_path} index. */
    private static final Document BY_PATH = new Document("path", 1);

    private final ReactiveMongoTemplate mongo;

    CommentRepository(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * An article's comments are listed (and paged) in thread order, which is path order; the same
     * index serves the counts by article. The moderators' queue reads held comments oldest first, and
     * the repeat check an author's comments by text.
     */
    Mono<Void> createIndexes() {
        return mongo.indexOps(Comment.class)
                .createIndex(new Index()
                        .on("articleId", Sort.Direction.ASC)
                        .on("path", Sort.Direction.ASC)
                        .named("articleId_path"))
                .then(mongo.indexOps(Comment.class)
                        .createIndex(new Index()
                                .on("status", Sort.Direction.ASC)
                                .on("createdAt", Sort.Direction.ASC)
                                .named("status_createdAt")))
                .then(mongo.indexOps(Comment.class)
                        .createIndex(new Index()
                                .on("authorId", Sort.Direction.ASC)
                                .on("fingerprint", Sort.Direction.ASC)
                                .named("authorId_fingerprint")))
                .then();
    }

    /**
     * Comments stored before threads existed have no {@code path}, which thread order and paging
     * need; they were all top level. Done once at start-up, conditionally per document, so instances
     * starting together do not disturb each other; afterwards it finds nothing. Emits how many it
     * looked at.
     */
    Mono<Long> backfillPaths() {
        Query withoutPath = new Query(where("path").exists(false));
        withoutPath.fields().include("_id").include("createdAt");
        return mongo.find(withoutPath, Document.class, Comment.COLLECTION)
                .flatMap(this::givePath, BACKFILL_CONCURRENCY)
                .count();
    }

    private Mono<?> givePath(Document legacy) {
        long id = ((Number) legacy.get("_id")).longValue();
        Instant createdAt = legacy.getDate("createdAt").toInstant();
        return mongo.updateFirst(
                new Query(where("_id").is(id).and("path").exists(false)),
                new Update().set("path", Threads.path(null, createdAt, id)).set("depth", 0),
                Comment.COLLECTION);
    }

    /**
     * Comments stored before moderation existed have no {@code status}; they were all published.
     * Queries match on the status, so it is written once at start-up (a conditional multi-update:
     * harmless when instances do it together, a no-op afterwards).
     */
    Mono<Long> backfillStatus() {
        return mongo.updateMulti(
                        new Query(where("status").exists(false)),
                        new Update().set("status", CommentStatus.PUBLISHED.name()),
                        Comment.COLLECTION)
                .map(result -> result.getModifiedCount());
    }

    /**
     * An article's comments, deleted ones included, in path (thread) order after {@code afterPath}
     * ({@code null}: from the start), with only the fields a listing shows ({@link CommentDocuments}).
     * The driver is asked directly, with the filter written out, and each document is mapped by hand:
     * this is the read every page view makes.
     */
    Flux<Comment> inPathOrder(String articleId, String afterPath) {
        Document filter = new Document("articleId", articleId);
        if (afterPath != null) {
            filter.append("path", new Document("$gt", afterPath));
        }
        return mongo.execute(
                        Comment.COLLECTION,
                        collection -> collection
                                .find(filter)
                                .projection(CommentDocuments.LISTED_FIELDS)
                                .sort(BY_PATH))
                .map(CommentDocuments::listed);
    }

    /** The comment with this id as it is stored now, deleted or not. */
    Mono<Comment> byId(long id) {
        return mongo.findById(id, Comment.class);
    }

    /** The comment with this id unless it is deleted. */
    Mono<Comment> live(long id) {
        return mongo.findOne(live(id, null), Comment.class);
    }

    /** The comment with this id under this article unless it is deleted. */
    Mono<Comment> liveUnder(long id, String articleId) {
        return mongo.findOne(live(id, null).addCriteria(where("articleId").is(articleId)), Comment.class);
    }

    /** The comment with this id under this article if it is published and not deleted. */
    Mono<Comment> publishedUnder(long id, String articleId) {
        return mongo.findOne(
                live(id, CommentStatus.PUBLISHED).addCriteria(where("articleId").is(articleId)), Comment.class);
    }

    /** Whether the author posted a comment with this fingerprint at or after {@code since}. */
    Mono<Boolean> postedSince(String authorId, String fingerprint, Instant since) {
        Query sameText = new Query(where("authorId")
                        .is(authorId)
                        .and("fingerprint")
                        .is(fingerprint)
                        .and("createdAt")
                        .gte(since))
                .limit(1);
        return mongo.exists(sameText, Comment.class);
    }

    /** Stores a new comment, with the events in its {@code outbox}. */
    Mono<Comment> insert(Comment comment) {
        return mongo.insert(comment);
    }

    /**
     * Writes {@code edited}'s body, fingerprint and edit times over {@code read}, and its moderation
     * state too when the edit changed the status, with the events; only while the comment is still
     * live, by the same author, in the same status, and posted at or after {@code postedSince} (the
     * edit window). Emits the comment as it now is, or nothing if a condition no longer held.
     */
    Mono<Comment> saveEdit(Comment read, Comment edited, Instant postedSince, List<OutboxEvent> events) {
        Update update = new Update()
                .set("body", edited.body())
                .set("editedAt", edited.editedAt())
                .set("updatedAt", edited.updatedAt())
                .set("fingerprint", edited.fingerprint());
        if (edited.status() != read.status()) {
            update.set("status", edited.status().name())
                    .set("moderationReasons", edited.moderationReasons())
                    .set("moderatedAt", edited.moderatedAt());
        }
        Query stillEditable = live(read.id(), read.status())
                .addCriteria(where("authorId").is(read.authorId()))
                .addCriteria(where("createdAt").gte(postedSince));
        return mongo.findAndModify(
                stillEditable,
                OutboxEvents.appendTo(update, events),
                FindAndModifyOptions.options().returnNew(true),
                Comment.class);
    }

    /**
     * Marks a live comment deleted by {@code deletedBy} at {@code at}, without its body (the document
     * stays, until its event is relayed and as a thread's placeholder), provided its status is still
     * the one read. Emits whether it was written.
     */
    Mono<Boolean> markDeleted(Comment read, String deletedBy, Instant at, OutboxEvent event) {
        Update update = new Update()
                .set("deleted", true)
                .set("deletedAt", at)
                .set("deletedBy", deletedBy)
                .set("updatedAt", at)
                .unset("body");
        return mongo.updateFirst(live(read.id(), read.status()), OutboxEvents.appendTo(update, event), Comment.class)
                .map(result -> result.getModifiedCount() > 0);
    }

    /**
     * Sets a live comment's status as a moderator decided, provided its status is still the one read.
     * Emits the comment as it now is, or nothing if it changed (or went) in the meantime.
     */
    Mono<Comment> saveDecision(Comment read, CommentStatus target, String moderatorId, Instant at, OutboxEvent event) {
        Update update = new Update()
                .set("status", target.name())
                .set("moderatedBy", moderatorId)
                .set("moderatedAt", at);
        return mongo.findAndModify(
                live(read.id(), read.status()),
                OutboxEvents.appendTo(update, event),
                FindAndModifyOptions.options().returnNew(true),
                Comment.class);
    }

    /** The live comments under an article, without their bodies or pending events (enough to delete them). */
    Flux<Comment> liveUnderArticle(String articleId) {
        Query liveUnder =
                new Query(where("articleId").is(articleId).and("deleted").ne(true));
        liveUnder.fields().exclude(OutboxEvents.FIELD).exclude("body");
        return mongo.find(liveUnder, Comment.class);
    }

    /** How many live comments wait for a moderator. */
    Mono<Long> heldCount() {
        return mongo.count(
                new Query(where("status")
                        .is(CommentStatus.HELD.name())
                        .and("deleted")
                        .ne(true)),
                Comment.class);
    }

    /**
     * Up to {@code limit} held, live comments oldest first (by posting time, then id) after the
     * cursor's ({@code null}: from the start), without their pending events.
     */
    Flux<Comment> held(HeldCursor after, int limit) {
        Query query = new Query(where("status")
                        .is(CommentStatus.HELD.name())
                        .and("deleted")
                        .ne(true))
                .with(Sort.by("createdAt", "_id"))
                .limit(limit);
        if (after != null) {
            query.addCriteria(new Criteria()
                    .orOperator(
                            where("createdAt").gt(after.createdAt()),
                            where("createdAt").is(after.createdAt()).and("_id").gt(after.id())));
        }
        query.fields().exclude(OutboxEvents.FIELD);
        return mongo.find(query, Comment.class);
    }

    /**
     * How many public comments (published, not deleted) each of these articles has, for those that
     * have any. One aggregation for all of them, served by the {@code articleId} index.
     */
    Flux<ArticleCount> publicCounts(Collection<String> articleIds) {
        Aggregation countLive = Aggregation.newAggregation(
                Aggregation.match(where("articleId")
                        .in(articleIds)
                        .and("deleted")
                        .ne(true)
                        .and("status")
                        .is(CommentStatus.PUBLISHED.name())),
                Aggregation.group("articleId").count().as("count"));
        return mongo.aggregate(countLive, Comment.COLLECTION, Document.class)
                .map(found -> new ArticleCount(found.getString("_id"), ((Number) found.get("count")).longValue()));
    }

    /** The number of public comments under one article. */
    record ArticleCount(String articleId, long count) {}

    /** The comment with this id, not deleted, and in {@code status} unless that is null. */
    private static Query live(long id, CommentStatus status) {
        Query query = new Query(where("_id").is(id).and("deleted").ne(true));
        if (status != null) {
            query.addCriteria(where("status").is(status.name()));
        }
        return query;
    }
}
