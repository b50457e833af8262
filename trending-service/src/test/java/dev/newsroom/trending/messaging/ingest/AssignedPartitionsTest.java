package dev.newsroom.trending.messaging.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.trending.TrendingServiceProperties;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Where an assigned partition starts reading, and what a rebuild does to the partitions. */
class AssignedPartitionsTest {

    static final TopicPartition VIEWS_0 = new TopicPartition(InputEvents.VIEWS_TOPIC, 0);
    static final TopicPartition VIEWS_1 = new TopicPartition(InputEvents.VIEWS_TOPIC, 1);
    static final TopicPartition COMMENTS_0 = new TopicPartition(InputEvents.COMMENTS_TOPIC, 0);
    /** The default de-duplication window (30 min) and slack (5 min). */
    static final long DEDUP_BACK_MILLIS = 35 * 60 * 1000;

    final TrendingServiceProperties properties = new Binder(new MapConfigurationPropertySource(Map.of()))
            .bindOrCreate("newsroom.trending", TrendingServiceProperties.class);
    final AssignedPartitions partitions = new AssignedPartitions(properties);
    final TimedConsumer consumer = new TimedConsumer();

    /** offsetsForTimes as the broker answers it, which MockConsumer does not implement. */
    static final class TimedConsumer extends MockConsumer<String, byte[]> {
        final Map<TopicPartition, Long> asked = new HashMap<>();
        final Map<TopicPartition, Long> answers = new HashMap<>();

        TimedConsumer() {
            super("earliest");
        }

        @Override
        public synchronized Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> times) {
            asked.putAll(times);
            Map<TopicPartition, OffsetAndTimestamp> found = new HashMap<>();
            times.forEach(
                    (partition, time) -> found.put(partition, new OffsetAndTimestamp(answers.get(partition), time)));
            return found;
        }
    }

    @BeforeEach
    void assign() {
        List<TopicPartition> all = List.of(VIEWS_0, VIEWS_1, COMMENTS_0);
        consumer.assign(all);
        consumer.updateBeginningOffsets(Map.of(VIEWS_0, 0L, VIEWS_1, 0L, COMMENTS_0, 0L));
        partitions.assigned(all);
    }

    @Test
    void aPartitionNeverCommittedOrCommittedUnderAnOlderGenerationStartsFromTheBeginning() {
        consumer.commitSync(Map.of(COMMENTS_0, new OffsetAndMetadata(50, CommitMark.of(1, 0))));

        partitions.reposition(consumer, List.of(COMMENTS_0, VIEWS_1), 2);

        assertThat(consumer.position(COMMENTS_0)).isZero();
        assertThat(consumer.position(VIEWS_1)).isZero();
        assertThat(partitions.replayed(COMMENTS_0, 0)).isFalse();
    }

    @Test
    void aPartitionCommittedUnderTheCurrentGenerationStartsAtItsCommitAndDeadLettersNothingBefore() {
        consumer.commitSync(Map.of(COMMENTS_0, new OffsetAndMetadata(50, CommitMark.of(2, 0))));

        partitions.reposition(consumer, List.of(COMMENTS_0), 2);

        assertThat(consumer.position(COMMENTS_0)).isEqualTo(50);
        assertThat(partitions.replayed(COMMENTS_0, 49)).isTrue();
        assertThat(partitions.replayed(COMMENTS_0, 50)).isFalse();
    }

    @Test
    void aViewPartitionStartsADeduplicationWindowBeforeItsCommitToRebuildTheRecentViewers() {
        long newest = 1_800_000_000_000L;
        consumer.commitSync(Map.of(VIEWS_0, new OffsetAndMetadata(500, CommitMark.of(2, newest))));
        consumer.answers.put(VIEWS_0, 420L);

        partitions.reposition(consumer, List.of(VIEWS_0), 2);

        assertThat(consumer.asked).containsEntry(VIEWS_0, newest - DEDUP_BACK_MILLIS);
        assertThat(consumer.position(VIEWS_0)).isEqualTo(420);
        assertThat(partitions.replayed(VIEWS_0, 499)).isTrue();
        assertThat(partitions.replayed(VIEWS_0, 500)).isFalse();
    }

    @Test
    void aRebuildReadsEveryPartitionFromTheStartWithoutDeadLetteringWhatWasReadBefore() {
        consumer.seek(COMMENTS_0, 70);
        consumer.seek(VIEWS_0, 30);
        consumer.seek(VIEWS_1, 0);

        partitions.rewind(consumer);

        assertThat(consumer.position(COMMENTS_0)).isZero();
        assertThat(partitions.replayed(COMMENTS_0, 69)).isTrue();
        assertThat(partitions.replayed(COMMENTS_0, 70)).isFalse();
        assertThat(partitions.replayed(VIEWS_0, 29)).isTrue();
    }

    @Test
    void theInstanceReadingViewsPartitionZeroLeadsUntilTheRebalanceTakesItAway() {
        assertThat(partitions.leads()).isTrue();

        partitions.forget(List.of(VIEWS_0));

        assertThat(partitions.leads()).isFalse();
        assertThat(partitions.assignment()).containsExactlyInAnyOrder(VIEWS_1, COMMENTS_0);
    }
}
