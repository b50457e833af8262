package dev.newsroom.article.web;

import dev.newsroom.platform.security.AccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

@Configuration(proxyBeanMethods = false)
class ArticleAccessRules {

    /**
     * Reading is open; writing, favouriting, the workflow and the desk need a token (ownership and
     * the editor role are checked by the service). The alerts and their stream are open to
     * everyone; clearing one needs a token (and the editor role, checked by the service).
     */
    @Bean
    AccessRules articleServiceRules() {
        return exchanges -> exchanges
                .pathMatchers(
                        HttpMethod.POST,
                        "/api/articles",
                        "/api/articles/*/favorite",
                        "/api/articles/*/submit",
                        "/api/articles/*/schedule",
                        "/api/articles/*/publish",
                        "/api/articles/*/withdraw",
                        "/api/articles/*/corrections",
                        "/api/articles/*/revisions/*/restore")
                .authenticated()
                .pathMatchers(HttpMethod.GET, "/api/desk", "/api/articles/*/revisions")
                .authenticated()
                .pathMatchers(HttpMethod.PUT, "/api/articles/*")
                .authenticated()
                .pathMatchers(HttpMethod.DELETE, "/api/articles/*", "/api/articles/*/favorite", "/api/alerts/*")
                .authenticated();
    }
}
