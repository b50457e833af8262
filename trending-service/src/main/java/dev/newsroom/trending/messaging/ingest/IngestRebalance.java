package dev.newsroom.trending.messaging.ingest;

import java.util.Collection;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** What a rebalance of the group does to the ingest. Runs on the ingest thread, inside a poll. */
final class IngestRebalance implements ConsumerRebalanceListener {

    private final IngestLoop ingest;
    private final KafkaConsumer<String, byte[]> consumer;

    IngestRebalance(IngestLoop ingest, KafkaConsumer<String, byte[]> consumer) {
        this.ingest = ingest;
        this.consumer = consumer;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
        ingest.revoked(consumer, revoked);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> lost) {
        ingest.lost(lost);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> added) {
        ingest.assigned(consumer, added);
    }
}
