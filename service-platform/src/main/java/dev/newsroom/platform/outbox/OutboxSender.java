package dev.newsroom.platform.outbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.ProducerListener;
import reactor.core.publisher.Mono;

/**
 * Sends outbox events to Kafka as CloudEvents with the relay's own producer (idempotent, {@code
 * acks=all}), and flushes and closes it when the relay stops.
 */
final class OutboxSender {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);

    private final ProducerFactory<String, byte[]> producers;
    private final KafkaTemplate<String, byte[]> kafka;
    private final String source;
    private volatile boolean sent;

    /**
     * @param producers the relay's own producer factory; closed by {@link #close()}
     * @param source the CloudEvents source of every event
     */
    OutboxSender(ProducerFactory<String, byte[]> producers, String source) {
        this.producers = producers;
        this.source = source;
        this.kafka = new KafkaTemplate<>(producers);
        // The default listener logs every failed record with its value at ERROR; failures are
        // reported once per sweep by the relay instead, without event data.
        this.kafka.setProducerListener(new ProducerListener<>() {});
    }

    /** Completes when the broker acknowledged the event. May block on metadata or a full buffer. */
    Mono<?> send(OutboxEvent event) {
        sent = true;
        return Mono.fromFuture(kafka.send(event.toProducerRecord(source)));
    }

    /** Waits for what was sent to be acknowledged; never fails. */
    void flush() {
        try {
            // Flushing creates the producer if there is none yet, which a relay that never sent needs not.
            if (sent) {
                kafka.flush();
            }
        } catch (RuntimeException e) {
            log.warn("Outbox relay could not flush its producer on stop: {}", e.toString());
        }
    }

    void close() throws Exception {
        if (producers instanceof DisposableBean disposable) {
            disposable.destroy();
        }
    }
}
