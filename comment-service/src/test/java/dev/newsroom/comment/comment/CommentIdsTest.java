package dev.newsroom.comment.comment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.comment.CommentServiceTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

@CommentServiceTest
class CommentIdsTest {

    @Autowired
    CommentIdRepository sequence;

    @Autowired
    CommentIds serviceIds;

    @Test
    void twoInstancesTakingIdsConcurrentlyFromTheSameSequenceNeverHandOutTheSameId() {
        // Small blocks, so that the instances go back to the shared sequence many times while racing.
        CommentIds first = new CommentIds(sequence, 7);
        CommentIds second = new CommentIds(sequence, 7);

        List<Long> ids = Flux.merge(take(first, 300), take(second, 300), take(serviceIds, 300))
                .collectList()
                .block();

        assertThat(ids)
                .hasSize(900)
                .doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).isPositive());
    }

    @Test
    void oneInstanceHandsOutItsBlockInOrder() {
        CommentIds ids = new CommentIds(sequence, 5);

        List<Long> taken = take(ids, 5).collectList().block();

        assertThat(taken).hasSize(5).isSorted();
        assertThat(taken.get(4) - taken.get(0)).isEqualTo(4);
    }

    private static Flux<Long> take(CommentIds ids, int count) {
        return Flux.range(0, count)
                .parallel(8)
                .runOn(Schedulers.parallel())
                .flatMap(n -> ids.next())
                .sequential();
    }
}
