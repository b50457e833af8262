package dev.newsroom.comment.comment;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The {@code comment_ids} collection: one sequence document holding the last comment id any
 * instance reserved. {@link CommentIds} hands the ids out; this only moves the sequence on.
 */
@Component
class CommentIdRepository {

    static final String COLLECTION = "comment_ids";
    static final String SEQUENCE = "comments";
    private static final String LAST = "last";

    private final ReactiveMongoTemplate mongo;

    CommentIdRepository(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Moves the sequence on by {@code count} with one atomic {@code $inc} (creating it at 0 first if
     * it is not there) and emits the last id of the {@code count} now reserved.
     */
    Mono<Long> reserve(int count) {
        return mongo.findAndModify(
                        new Query(where("_id").is(SEQUENCE)),
                        new Update().inc(LAST, (long) count),
                        FindAndModifyOptions.options().upsert(true).returnNew(true),
                        Document.class,
                        COLLECTION)
                // Two instances creating the sequence at the same moment: one insert loses, its retry increments.
                .retryWhen(Retry.max(3).filter(DuplicateKeyException.class::isInstance))
                .map(sequence -> ((Number) sequence.get(LAST)).longValue())
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("The comment id sequence was not returned")));
    }
}
