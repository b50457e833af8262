package dev.newsroom.trending.messaging;

import dev.newsroom.platform.messaging.ConsumerSettings;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Settings for this service's Kafka clients, and its one shared producer (dead letters, rankings and
 * shared standings): idempotent, {@code acks=all}. The topics it owns are created with the
 * platform's {@link dev.newsroom.platform.messaging.KafkaTopics}.
 */
@Component
public class KafkaClients implements DisposableBean {

    private final String bootstrapServers;
    private volatile KafkaProducer<String, byte[]> producer;

    KafkaClients(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** The brokers, {@code host:port,...}. */
    public String brokers() {
        return bootstrapServers;
    }

    /** A consumer's settings (the platform's {@link ConsumerSettings}): offsets committed by the code. */
    public Map<String, Object> consumer(String group) {
        return ConsumerSettings.of(bootstrapServers, group);
    }

    /**
     * The ingest loop's consumer: big batches, and range assignment, which gives partition n of all
     * three input topics to the same instance: one article, one writer.
     */
    public Map<String, Object> ingestConsumer(String group, int maxPollRecords) {
        Map<String, Object> config = consumer(group);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 16 * 1024 * 1024);
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName());
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        // Under load, fetch a few tens of milliseconds of events at a time rather than every record
        // as it arrives (hundreds of tiny polls a second cost the broker and this thread CPU).
        config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 64 * 1024);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        return config;
    }

    public synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Map<String, Object> config = new HashMap<>();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
            config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
            config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
            config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
            producer = new KafkaProducer<>(config);
        }
        return producer;
    }

    @Override
    public synchronized void destroy() {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
            producer = null;
        }
    }
}
