package dev.newsroom.trending.messaging.ingest;

import dev.newsroom.platform.deadletter.DeadLetters;
import dev.newsroom.trending.messaging.KafkaClients;
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
 * headers) plus headers saying where they came from and why, named as the binder's dead letters
 * name them ({@link DeadLetters}), so the platform's listing and re-drive read these too. The write
 * pipeline waits for the sends before it commits the batch, so a dead letter is never lost.
 */
@Component
class DeadLetterWriter {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterWriter.class);

    private final KafkaClients kafka;

    DeadLetterWriter(KafkaClients kafka) {
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
            header(headers, DeadLetters.EXCEPTION_MESSAGE, letter.reason());
            header(headers, DeadLetters.ORIGINAL_TOPIC, record.topic());
            header(headers, DeadLetters.ORIGINAL_PARTITION, String.valueOf(record.partition()));
            header(headers, DeadLetters.ORIGINAL_OFFSET, String.valueOf(record.offset()));
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
