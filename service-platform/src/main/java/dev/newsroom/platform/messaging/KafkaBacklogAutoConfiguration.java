package dev.newsroom.platform.messaging;

import dev.newsroom.platform.outbox.KafkaBrokers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Consumer lag, oldest unprocessed record and dead letters waiting ({@link KafkaBacklogMeters}) in
 * every service that consumes Kafka or keeps dead letters, with no setting of its own: what to watch
 * comes from its bindings and dead-letter topics ({@link WatchedGroups}). {@code
 * newsroom.kafka-backlog.enabled=false} turns it off, {@code newsroom.kafka-backlog.interval} (15 s)
 * sets how often it reads.
 */
@AutoConfiguration
@ConditionalOnClass(name = "org.apache.kafka.clients.admin.Admin")
@Conditional(KafkaBacklogAutoConfiguration.OnWatchedGroups.class)
public class KafkaBacklogAutoConfiguration {

    @Bean
    KafkaBacklogMeters newsroomKafkaBacklogMeters(Environment environment, ObjectProvider<MeterRegistry> registry) {
        Binder binder = Binder.get(environment);
        WatchedGroups watched = WatchedGroups.from(binder);
        return new KafkaBacklogMeters(
                KafkaBrokers.of(binder),
                watched.groups(),
                watched.deadLetterTopics(),
                watched.interval(),
                Duration.ofSeconds(5),
                Clock.systemUTC(),
                registry.getIfAvailable(CompositeMeterRegistry::new));
    }

    /** Matches when the service has a consumer group or a dead-letter topic to watch. */
    static class OnWatchedGroups extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            WatchedGroups watched = WatchedGroups.from(Binder.get(context.getEnvironment()));
            return watched.anything()
                    ? ConditionOutcome.match(
                            "consumer groups " + watched.groups() + ", dead letters " + watched.deadLetterTopics())
                    : ConditionOutcome.noMatch("no consumer group or dead-letter topic to watch (or disabled)");
        }
    }
}
