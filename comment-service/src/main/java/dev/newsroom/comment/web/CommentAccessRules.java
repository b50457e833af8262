package dev.newsroom.comment.web;

import dev.newsroom.platform.security.AccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Reading comments is open; writing them needs a token; the moderation queue and decisions need the
 * moderator role. Who may edit or delete what is checked by the service.
 */
@Configuration(proxyBeanMethods = false)
class CommentAccessRules {

    @Bean
    AccessRules commentServiceRules() {
        return exchanges -> exchanges
                .pathMatchers(HttpMethod.POST, "/api/articles/*/comments")
                .authenticated()
                .pathMatchers(HttpMethod.PUT, "/api/articles/*/comments/*")
                .authenticated()
                .pathMatchers(HttpMethod.DELETE, "/api/articles/*/comments/*")
                .authenticated()
                .pathMatchers("/api/moderation/**")
                .hasRole("moderator");
    }
}
