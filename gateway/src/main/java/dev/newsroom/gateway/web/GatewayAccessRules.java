package dev.newsroom.gateway.web;

import dev.newsroom.platform.security.AccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * What needs a token at the edge already; the services check again, and check ownership. A token
 * that is sent is verified on every path, so a forged one never reaches a service.
 */
@Configuration(proxyBeanMethods = false)
class GatewayAccessRules {

    @Bean
    AccessRules gatewayRules() {
        return exchanges -> exchanges
                .pathMatchers(HttpMethod.GET, "/api/articles/feed", "/api/user")
                .authenticated()
                .pathMatchers(HttpMethod.PUT, "/api/user", "/api/articles/*", "/api/articles/*/comments/*")
                .authenticated()
                .pathMatchers(HttpMethod.POST, "/api/articles", "/api/articles/*/favorite", "/api/articles/*/comments")
                .authenticated()
                .pathMatchers(
                        HttpMethod.DELETE, "/api/articles/*", "/api/articles/*/favorite", "/api/articles/*/comments/*")
                .authenticated()
                .pathMatchers("/api/profiles/*/follow")
                .authenticated()
                // The role itself is checked by comment-service, which owns moderation.
                .pathMatchers("/api/moderation/**")
                .authenticated();
    }
}
