package dev.newsroom.trending.ingest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends records this service can never apply to {@code <topic>.<group>.dlq}, unchanged (key, value,
 * headers) plus headers saying where they came from and why, as the binder's dead letters do. The
 * ingest loop waits for the sends before it commits the batch, so a dead letter is never lost.
 */
@Component
class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final KafkaClients kafka;

    DeadLetters(KafkaClients kafka) {
        this.kafka = kafka;
    }

    /** One refused record and why. */
    record Letter(ConsumerRecord<String, byte[]> record, String reason) {}

    static String topicOf(String topic, String group) {
        return topic + "." + group + ".dlq";
    }

    void send(List<Letter> letters, String group) {
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (Letter letter : letters) {
            ConsumerRecord<String, byte[]> record = letter.record();
            log.warn("Dead letter {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), letter.reason());
            RecordHeaders headers = new RecordHeaders(record.headers().toArray());
            header(headers, "x-exception-message", letter.reason());
            header(headers, "x-original-topic", record.topic());
            header(headers, "x-original-partition", String.valueOf(record.partition()));
            header(headers, "x-original-offset", String.valueOf(record.offset()));
            sends.add(kafka.producer()
                    .send(new ProducerRecord<>(
                            topicOf(record.topic(), group), null, record.key(), record.value(), headers)));
        }
        for (Future<RecordMetadata> send : sends) {
            try {
                send.get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("Could not send a dead letter", e);
            }
        }
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
