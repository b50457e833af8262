package dev.newsroom.comment.comment;

import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Mono;

/**
 * Hands out comment ids, unique across every instance of the service. Each instance reserves a block
 * of {@code blockSize} ids with one atomic {@code $inc} on a shared sequence ({@link
 * CommentIdRepository}) and then hands them out from memory, so instances meet in the store once per
 * block rather than once per comment. Ids therefore grow but are not dense: ids left in a block when
 * an instance stops are never used, and two instances' comments interleave out of id order (listings
 * sort by time).
 */
final class CommentIds {

    private final CommentIdRepository sequence;
    private final int blockSize;

    // Guarded by this.
    private long next;
    private long end;
    private CompletableFuture<Block> reserving;

    CommentIds(CommentIdRepository sequence, int blockSize) {
        this.sequence = sequence;
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
        return sequence.reserve(blockSize).map(last -> new Block(last - blockSize + 1, last + 1));
    }

    /** Ids from {@code first} (inclusive) to {@code end} (exclusive). */
    private record Block(long first, long end) {}
}
