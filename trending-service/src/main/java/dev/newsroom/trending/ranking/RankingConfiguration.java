package dev.newsroom.trending;

import dev.newsroom.trending.ranking.Scoring;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TrendingConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Scoring scoring(TrendingServiceProperties properties) {
        return new Scoring(properties.weights(), properties.hotHalfLife());
    }
}
