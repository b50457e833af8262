package dev.newsroom.trending.ranking;

import dev.newsroom.trending.TrendingServiceProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The scoring from the configured weights and half-life, and the clock that ranks and ingests (one
 * bean, so tests and every component agree on the current hour).
 */
@Configuration(proxyBeanMethods = false)
class RankingConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Scoring scoring(TrendingServiceProperties properties) {
        return new Scoring(properties.weights(), properties.hotHalfLife());
    }
}
