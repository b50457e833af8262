package dev.newsroom.platform.health;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/**
 * Replaces Boot's MongoDB health contributor with one that works on the embedded store too. The
 * bean name {@code mongoHealthContributor} is the one Boot's own auto-configuration backs off for,
 * and it keeps the component's name {@code mongo} in the health report.
 */
@AutoConfiguration(
        afterName = "org.springframework.boot.data.mongodb.autoconfigure.DataMongoReactiveAutoConfiguration",
        beforeName =
                "org.springframework.boot.mongodb.autoconfigure.health.MongoReactiveHealthContributorAutoConfiguration")
@ConditionalOnClass(ReactiveMongoTemplate.class)
public class MongoHealthAutoConfiguration {

    @Bean(name = "mongoHealthContributor")
    @ConditionalOnBean(ReactiveMongoTemplate.class)
    MongoPingHealthIndicator mongoHealthContributor(
            ReactiveMongoTemplate mongo, @Value("${newsroom.health.mongo-timeout:2s}") Duration timeout) {
        return new MongoPingHealthIndicator(mongo, timeout);
    }
}
