package dev.newsroom.platform.outbox;

import dev.newsroom.platform.tracing.MessageTraces;
import io.micrometer.tracing.Span;
import org.apache.kafka.clients.producer.ProducerRecord;
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
    private final MessageTraces traces;
    private volatile boolean sent;

    /**
     * @param producers the relay's own producer factory; closed by {@link #close()}
     * @param source the CloudEvents source of every event
     * @param traces the spans of publishing
     */
    OutboxSender(ProducerFactory<String, byte[]> producers, String source, MessageTraces traces) {
        this.producers = producers;
        this.source = source;
        this.traces = traces;
        this.kafka = new KafkaTemplate<>(producers);
        // The default listener logs every failed record with its value at ERROR; failures are
        // reported once per sweep by the relay instead, without event data.
        this.kafka.setProducerListener(new ProducerListener<>() {});
    }

    /**
     * Completes when the broker acknowledged the event. May block on metadata or a full buffer.
     *
     * <p>An event written while a traced request was handled is published in a producer span, the
     * child of that request's span, and the record carries the span's context: so the consumers'
     * spans continue the request's trace, however long the event waited and whichever instance
     * publishes it.
     */
    Mono<?> send(OutboxEvent event) {
        sent = true;
        ProducerRecord<String, byte[]> record = event.toProducerRecord(source);
        Span span = traces.startChild(event.traceparent(), Span.Kind.PRODUCER, "publish " + event.topic());
        if (span == null) {
            return Mono.fromFuture(kafka.send(record));
        }
        span.tag("messaging.destination.name", event.topic())
                .tag("messaging.message.id", event.id())
                .tag("cloudevents.event_type", event.type())
                .remoteServiceName("kafka");
        MessageTraces.write(span, record.headers());
        try {
            return Mono.fromFuture(kafka.send(record)).doOnError(span::error).doFinally(signal -> span.end());
        } catch (RuntimeException failed) {
            span.error(failed).end();
            throw failed;
        }
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
