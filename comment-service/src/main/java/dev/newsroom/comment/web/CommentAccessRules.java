package dev.newsroom.comment.web;

import dev.newsroom.platform.security.AccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Reading comments is open; writing them needs a token; the moderation queue and decisions need the
 * moderator role (a moderation path that names nothing is 404 for anyone signed in). Who may edit or delete what is checked by the service.
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
                .pathMatchers(HttpMethod.GET, "/api/moderation/comments")
                .hasRole("moderator")
                .pathMatchers(
                        HttpMethod.POST, "/api/moderation/comments/*/approve", "/api/moderation/comments/*/reject")
                .hasRole("moderator")
                // Any other moderation path names nothing: 401 without a token, then 404 (not 403),
                // by the precedence every service keeps (docs/realworld-conformance.md).
                .pathMatchers("/api/moderation/**")
                .authenticated();
    }
}
