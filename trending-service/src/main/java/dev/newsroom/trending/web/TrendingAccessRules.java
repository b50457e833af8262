package dev.newsroom.trending.web;

import dev.newsroom.platform.security.CurrentUser;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** Reading rankings is open to everyone; only a moderator may rebuild them. */
@Configuration(proxyBeanMethods = false)
class TrendingAccessRules {

    @Bean
    dev.newsroom.platform.security.AccessRules trendingServiceRules() {
        return exchanges -> exchanges
                .pathMatchers(HttpMethod.GET, "/api/trending", "/api/trending/**")
                .permitAll()
                .pathMatchers(HttpMethod.POST, "/api/trending/rebuild")
                .hasRole(CurrentUser.MODERATOR);
    }
}
