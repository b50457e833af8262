package dev.newsroom.comment.comment;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.concurrent.CompletableFuture;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Hands out comment ids, unique across every instance of the service. Each instance reserves a block
 * of {@code blockSize} ids with one atomic {@code $inc} on a shared sequence document and then
 * hands them out from memory, so instances meet in the store once per block rather than once per
 * comment. Ids therefore grow but are not dense: ids left in a block when an instance stops are never
 * used, and two instances' comments interleave out of id order (listings sort by time).
 */
final class CommentIds {

    static final String COLLECTION = "comment_ids";
    static final String SEQUENCE = "comments";
    private static final String LAST = "last";

    private final ReactiveMongoTemplate mongo;
    private final int blockSize;

    // Guarded by this.
    private long next;
    private long end;
    private CompletableFuture<Block> reserving;

    CommentIds(ReactiveMongoTemplate mongo, int blockSize) {
        this.mongo = mongo;
        this.blockSize = blockSize;
    }

    /** The next id; reserves a new block first when this instance's block is used up. */
    Mono<Long> next() {
        return Mono.defer(() -> {
            synchronized (this) {
                if (next < end) {
                    return Mono.just(next++);
                }
                if (reserving == null || reserving.isDone()) {
                    // One reservation at a time, shared by every request that finds the block used up;
                    // a future rather than a cached Mono, so that a request that gives up cannot cancel
                    // it for the others. The block is installed before the future completes.
                    reserving = reserveBlock().doOnNext(this::install).toFuture();
                }
                return Mono.fromFuture(reserving, true).then(Mono.defer(this::next));
            }
        });
    }

    private synchronized void install(Block block) {
        next = block.first();
        end = block.end();
    }

    private Mono<Block> reserveBlock() {
        return mongo.findAndModify(
                        new Query(where("_id").is(SEQUENCE)),
                        new Update().inc(LAST, (long) blockSize),
                        FindAndModifyOptions.options().upsert(true).returnNew(true),
                        Document.class,
                        COLLECTION)
                // Two instances creating the sequence at the same moment: one insert loses, its retry increments.
                .retryWhen(Retry.max(3).filter(DuplicateKeyException.class::isInstance))
                .map(sequence -> ((Number) sequence.get(LAST)).longValue())
                .map(last -> new Block(last - blockSize + 1, last + 1))
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("The comment id sequence was not returned")));
    }

    /** Ids from {@code first} (inclusive) to {@code end} (exclusive). */
    private record Block(long first, long end) {}
}
