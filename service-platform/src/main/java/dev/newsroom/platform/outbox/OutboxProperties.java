package dev.newsroom.platform.outbox;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The outbox relay of one service. It runs when {@code collections} names at least one collection
 * and {@code enabled} is not false.
 *
 * @param enabled set false to keep the relay from starting although collections are configured
 * @param source the CloudEvents source ({@code ce_source}); defaults to {@code
 *     /newsroom/${spring.application.name}}
 * @param collections the collections whose documents carry an {@code outbox} array
 * @param interval how often the relay looks for pending events that no {@code wakeUp()} announced
 *     (written by an instance that crashed before relaying, or left by a failed attempt)
 * @param batchSize how many documents of a collection one sweep takes on
 * @param lease how long an instance keeps other instances off a document it is relaying, so that
 *     several instances of a service rarely publish the same event twice; a crashed instance's
 *     documents are taken over when it runs out
 * @param deliveryTimeout how long publishing one event may take before it counts as failed and is
 *     retried later ({@code delivery.timeout.ms}, also the producer's metadata wait); it bounds each of
 *     the relay's MongoDB operations too
 * @param backlogInterval how often the backlog gauges ({@code newsroom.outbox.pending}, {@code
 *     newsroom.outbox.oldest.age}) read the store
 * @param producer further Kafka producer properties (security, client id), on top of the Stream
 *     binder's {@code spring.cloud.stream.kafka.binder.configuration}
 */
@ConfigurationProperties("newsroom.outbox")
public record OutboxProperties(
        @DefaultValue("true") boolean enabled,
        String source,
        @DefaultValue List<String> collections,
        @DefaultValue("1s") Duration interval,
        @DefaultValue("100") int batchSize,
        @DefaultValue("30s") Duration lease,
        @DefaultValue("10s") Duration deliveryTimeout,
        @DefaultValue("10s") Duration backlogInterval,
        @DefaultValue Map<String, String> producer) {

    OutboxProperties withSource(String source) {
        return new OutboxProperties(
                enabled, source, collections, interval, batchSize, lease, deliveryTimeout, backlogInterval, producer);
    }
}
