package dev.newsroom.comment.comment;

import dev.newsroom.comment.CommentServiceProperties;
import java.time.Clock;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CommentConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    CommentIds commentIds(CommentIdRepository sequence, CommentServiceProperties properties) {
        return new CommentIds(sequence, properties.idBlockSize());
    }

    @Bean
    FloodControl floodControl(FloodCounterRepository counters, CommentServiceProperties properties, Clock clock) {
        return new FloodControl(counters, properties.perMinute(), clock);
    }

    @Bean
    ModerationChecks moderationChecks(CommentServiceProperties properties) {
        return new ModerationChecks(properties.moderation());
    }

    /**
     * The indexes exist, and comments stored by older versions have the fields today's queries match
     * on, before the first request: start-up waits for both.
     */
    @Bean
    SmartInitializingSingleton commentIndexes(CommentRepository comments, FloodCounterRepository counters) {
        return () -> {
            comments.createIndexes().block();
            counters.createIndexes().block();
            comments.backfillPaths().block();
            comments.backfillStatus().block();
        };
    }
}
