package dev.newsroom.user.web;

import dev.newsroom.platform.security.AccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * What needs a token here, and which role: only a role's holders grant or revoke it, so a moderator
 * cannot make an editor, nor an editor a moderator.
 */
@Configuration(proxyBeanMethods = false)
class UserAccessRules {

    @Bean
    AccessRules userServiceRules() {
        return exchanges -> exchanges
                .pathMatchers("/api/user")
                .authenticated()
                .pathMatchers("/api/profiles/*/follow")
                .authenticated()
                .pathMatchers(HttpMethod.PUT, "/api/users/*/roles/moderator")
                .hasRole("moderator")
                .pathMatchers(HttpMethod.DELETE, "/api/users/*/roles/moderator")
                .hasRole("moderator")
                .pathMatchers(HttpMethod.PUT, "/api/users/*/roles/editor")
                .hasRole("editor")
                .pathMatchers(HttpMethod.DELETE, "/api/users/*/roles/editor")
                .hasRole("editor");
    }
}
