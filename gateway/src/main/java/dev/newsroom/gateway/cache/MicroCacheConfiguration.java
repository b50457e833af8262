package dev.newsroom.gateway.cache;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MicroCacheProperties.class)
class MicroCacheConfiguration {

    @Bean
    AnonymousStoryCache anonymousStoryCache(MicroCacheProperties properties) {
        return new AnonymousStoryCache(properties);
    }
}
