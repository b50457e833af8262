package dev.newsroom.platform.deadletter;

import dev.newsroom.platform.outbox.KafkaBrokers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The dead-letter endpoint, in every service that names its dead-letter topics in {@code
 * newsroom.dead-letters.topics}, talking to the same brokers as the binder and the outbox relay.
 */
@AutoConfiguration
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
@ConditionalOnProperty("newsroom.dead-letters.topics")
public class DeadLetterAutoConfiguration {

    @Bean
    DeadLetters newsroomDeadLetters(Environment environment, ObjectProvider<MeterRegistry> registry) {
        Binder binder = Binder.get(environment);
        List<String> topics = binder.bind(
                        "newsroom.dead-letters.topics",
                        org.springframework.boot.context.properties.bind.Bindable.listOf(String.class))
                .orElse(List.of());
        return new DeadLetters(KafkaBrokers.of(binder), topics, registry.getIfAvailable(CompositeMeterRegistry::new));
    }

    @Bean
    DeadLettersEndpoint newsroomDeadLettersEndpoint(DeadLetters deadLetters) {
        return new DeadLettersEndpoint(deadLetters);
    }
}
