package dev.newsroom.gateway.web;

import dev.newsroom.platform.security.AccessRules;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * What needs a token at the edge already; the services check again, and check ownership. A token
 * that is sent is verified on every path, so a forged one never reaches a service. Everything not
 * named here is open, such as asking about an article ({@code POST /api/articles/{slug}/ask}),
 * which anonymous readers may do.
 */
@Configuration(proxyBeanMethods = false)
class GatewayAccessRules {

    @Bean
    AccessRules gatewayRules() {
        return exchanges -> exchanges.matchers(new NeedsToken()).authenticated();
    }

    /**
     * The requests that need a token, by method and path, checked in one plain pass. (Spring
     * Security's {@code pathMatchers} would do the same with a reactive chain per pattern, and a
     * debug message formatted per pattern whether debug is on or not: a few percent of the gateway's
     * CPU on every request, measured with JFR.)
     */
    static final class NeedsToken implements ServerWebExchangeMatcher {

        private static final Map<HttpMethod, List<PathPattern>> BY_METHOD = Map.of(
                HttpMethod.GET, patterns("/api/articles/feed", "/api/user"),
                HttpMethod.PUT, patterns("/api/user", "/api/articles/*", "/api/articles/*/comments/*"),
                HttpMethod.POST, patterns("/api/articles", "/api/articles/*/favorite", "/api/articles/*/comments"),
                HttpMethod.DELETE,
                        patterns(
                                "/api/articles/*",
                                "/api/articles/*/favorite",
                                "/api/articles/*/comments/*",
                                // Clearing a breaking-news alert; article-service checks the editor role.
                                "/api/alerts/*"));
        /** Whatever the method. The moderator role itself is checked by comment-service, which owns moderation. */
        private static final List<PathPattern> ANY_METHOD = patterns("/api/profiles/*/follow", "/api/moderation/**");

        @Override
        public Mono<MatchResult> matches(ServerWebExchange exchange) {
            return test(exchange.getRequest()) ? MatchResult.match() : MatchResult.notMatch();
        }

        static boolean test(ServerHttpRequest request) {
            PathContainer path = request.getPath().pathWithinApplication();
            return matchesAny(ANY_METHOD, path)
                    || matchesAny(BY_METHOD.getOrDefault(request.getMethod(), List.of()), path);
        }

        private static boolean matchesAny(List<PathPattern> patterns, PathContainer path) {
            for (PathPattern pattern : patterns) {
                if (pattern.matches(path)) {
                    return true;
                }
            }
            return false;
        }

        private static List<PathPattern> patterns(String... patterns) {
            return java.util.Arrays.stream(patterns)
                    .map(PathPatternParser.defaultInstance::parse)
                    .toList();
        }
    }
}
