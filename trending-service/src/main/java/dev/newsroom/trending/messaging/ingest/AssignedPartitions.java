package dev.newsroom.trending.messaging.ingest;

import dev.newsroom.trending.TrendingServiceProperties;
import dev.newsroom.trending.activity.RecentViews;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/**
 * The input partitions this instance reads, where each starts when it is assigned, and what is kept
 * per partition: the recent viewers of a view partition and the offset below which its records were
 * applied before (records re-read only to rebuild state are not dead-lettered again).
 *
 * <p>Where a partition starts: one committed under an older rebuild generation (a rebuild this
 * instance missed), or never, starts from the beginning; a view partition starts a little more than
 * the de-duplication window before its commit, to rebuild the recent viewers it forgot (those
 * records are decoded again, but their ops are refused by the articles' offsets); any other starts
 * at its commit.
 *
 * <p>Owned by the ingest thread, except {@link #leads()} and {@link #assignment()}, which any thread
 * may ask.
 */
final class AssignedPartitions {

    private final TrendingServiceProperties properties;
    private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();
    private final Map<TopicPartition, RecentViews> recentViews = new HashMap<>();
    /** Per partition: records below this offset were applied before (warm-up); no dead letters again. */
    private final Map<TopicPartition, Long> replayedUntil = new HashMap<>();

    AssignedPartitions(TrendingServiceProperties properties) {
        this.properties = properties;
    }

    /** Whether this instance reads partition 0 of the views topic: the one that publishes rankings. */
    boolean leads() {
        return assigned.contains(new TopicPartition(InputEvents.VIEWS_TOPIC, 0));
    }

    Set<TopicPartition> assignment() {
        return Set.copyOf(assigned);
    }

    /** The de-duplication state of a partition's views. */
    RecentViews recentViews(TopicPartition partition) {
        return recentViews.computeIfAbsent(partition, p -> newRecentViews());
    }

    /** Whether the record at {@code offset} was applied before and is read again only to rebuild state. */
    boolean replayed(TopicPartition partition, long offset) {
        return offset < replayedUntil.getOrDefault(partition, 0L);
    }

    /** The rebalance gave this instance {@code partitions}; {@link #reposition} says where they start. */
    void assigned(Collection<TopicPartition> partitions) {
        assigned.addAll(partitions);
    }

    /** The rebalance took {@code partitions} away (or they were lost). */
    void forget(Collection<TopicPartition> partitions) {
        assigned.removeAll(partitions);
        partitions.forEach(partition -> {
            recentViews.remove(partition);
            replayedUntil.remove(partition);
        });
    }

    /** The ingest stopped. */
    void clear() {
        assigned.clear();
        recentViews.clear();
    }

    /**
     * A rebuild: every partition is read from the start under the new generation, with no recent
     * viewers; records before the current positions were dead-lettered already, not again.
     */
    void rewind(Consumer<String, byte[]> consumer) {
        recentViews.clear();
        for (TopicPartition partition : consumer.assignment()) {
            replayedUntil.put(partition, consumer.position(partition));
        }
        consumer.seekToBeginning(consumer.assignment());
    }

    /** Seeks each of {@code partitions} to where it starts under {@code generation} (see the class comment). */
    void reposition(Consumer<String, byte[]> consumer, Collection<TopicPartition> partitions, long generation) {
        if (partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
        Map<TopicPartition, Long> warmUps = new HashMap<>();
        for (TopicPartition partition : partitions) {
            recentViews.put(partition, newRecentViews());
            replayedUntil.remove(partition);
            OffsetAndMetadata commit = committed.get(partition);
            CommitMark mark = commit == null ? null : CommitMark.parse(commit.metadata());
            if (commit == null || mark == null || mark.generation() < generation) {
                consumer.seekToBeginning(List.of(partition));
                continue;
            }
            replayedUntil.put(partition, commit.offset());
            consumer.seek(partition, commit.offset());
            if (partition.topic().equals(InputEvents.VIEWS_TOPIC) && mark.newestTimestamp() > 0) {
                long back = properties
                        .viewDedupWindow()
                        .plus(properties.viewDedupSlack())
                        .toMillis();
                warmUps.put(partition, Math.max(0, mark.newestTimestamp() - back));
            }
        }
        if (!warmUps.isEmpty()) {
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(warmUps);
            starts.forEach((partition, start) -> {
                if (start != null && start.offset() < replayedUntil.get(partition)) {
                    consumer.seek(partition, start.offset());
                }
            });
        }
    }

    private RecentViews newRecentViews() {
        return new RecentViews(
                properties.viewDedupWindow().toSeconds(),
                properties.viewDedupSlack().toSeconds());
    }
}
