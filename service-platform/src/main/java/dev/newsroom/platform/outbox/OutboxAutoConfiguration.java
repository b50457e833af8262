package dev.newsroom.platform.outbox;

import dev.newsroom.platform.tracing.MessageTraces;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Starts an {@link OutboxRelay} for the collections named in {@code newsroom.outbox.collections},
 * publishing to the brokers the service's Stream Kafka binder uses.
 */
@AutoConfiguration(afterName = "org.springframework.boot.data.mongodb.autoconfigure.DataMongoReactiveAutoConfiguration")
@ConditionalOnClass({ReactiveMongoTemplate.class, KafkaTemplate.class})
@Conditional(OnOutboxCollections.class)
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

    private static final Bindable<List<String>> STRINGS = Bindable.listOf(String.class);

    @Bean
    @ConditionalOnBean(ReactiveMongoTemplate.class)
    @ConditionalOnMissingBean
    OutboxRelay outboxRelay(
            ReactiveMongoTemplate mongo,
            OutboxProperties properties,
            Environment environment,
            ObjectProvider<MeterRegistry> registry,
            ObjectProvider<MessageTraces> traces) {
        OutboxProperties resolved = properties.withSource(source(properties, environment));
        return new OutboxRelay(
                mongo,
                producerFactory(resolved, environment),
                resolved,
                registry.getIfAvailable(CompositeMeterRegistry::new),
                traces.getIfAvailable(() -> MessageTraces.OFF));
    }

    static String source(OutboxProperties properties, Environment environment) {
        if (properties.source() != null && !properties.source().isBlank()) {
            return properties.source();
        }
        String application = environment.getProperty("spring.application.name");
        if (application == null || application.isBlank()) {
            throw new IllegalStateException("The outbox relay needs its CloudEvents source: set newsroom.outbox.source "
                    + "(e.g. /newsroom/user-service) or spring.application.name");
        }
        return "/newsroom/" + application;
    }

    /**
     * The relay's own producer rather than a shared bean: it must be idempotent with {@code
     * acks=all} whatever else the service configures, and a {@code ProducerFactory} bean would make
     * Boot's Kafka auto-configuration back off for the rest of the service.
     */
    static DefaultKafkaProducerFactory<String, byte[]> producerFactory(
            OutboxProperties properties, Environment environment) {
        Binder binder = Binder.get(environment);
        // The binder's common client settings (security and the like) apply to the relay too.
        Map<String, Object> config = new HashMap<>(binder.bind(
                        "spring.cloud.stream.kafka.binder.configuration", Bindable.mapOf(String.class, String.class))
                .orElse(Map.of()));
        config.putAll(properties.producer());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers(binder));
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        int deliveryTimeout = Math.toIntExact(properties.deliveryTimeout().toMillis());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryTimeout);
        // The producer refuses to start unless delivery.timeout.ms covers request.timeout.ms plus linger.ms.
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(30_000, deliveryTimeout / 2));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, deliveryTimeout);
        return new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** The binder's brokers, else Boot's: see {@link KafkaBrokers}. */
    public static String brokers(Binder binder) {
        return KafkaBrokers.of(binder);
    }
}
