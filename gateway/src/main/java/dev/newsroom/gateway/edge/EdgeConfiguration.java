package dev.newsroom.gateway.edge;

import dev.newsroom.platform.web.RequestIds;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * The door's own rules: CORS, security headers, body size, who the client is (and what services are
 * told of it), and the per-client rate limit.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EdgeProperties.class)
class EdgeConfiguration {

    /**
     * RealWorld front ends are often served from another origin than the API: their scripts may
     * call {@code /api/**} from the configured origins, sending the {@code Authorization} header
     * (tokens travel in headers, never cookies, so credentials mode stays off).
     */
    @Bean
    CorsConfigurationSource corsConfigurationSource(EdgeProperties edge) {
        CorsConfiguration api = new CorsConfiguration();
        api.setAllowedOriginPatterns(edge.allowedOrigins());
        api.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE", "OPTIONS"));
        api.setAllowedHeaders(
                List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT, RequestIds.HEADER));
        api.setExposedHeaders(List.of(RequestIds.HEADER, HttpHeaders.RETRY_AFTER, "X-Newsroom-Degraded"));
        api.setAllowCredentials(false);
        api.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", api);
        return source;
    }

    @Bean
    SecurityHeaders securityHeaders() {
        return new SecurityHeaders();
    }

    @Bean
    BodySizeLimit bodySizeLimit(EdgeProperties edge) {
        return new BodySizeLimit(edge.maxBodySize().toBytes());
    }

    @Bean
    ClientIdentityFilter clientIdentityFilter(EdgeProperties edge) {
        return new ClientIdentityFilter(new ClientAddressResolver(edge.trustedProxies(), edge.proxyHeader()));
    }

    @Bean
    ForwardedClientHeaders forwardedClientHeaders() {
        return new ForwardedClientHeaders();
    }

    @Bean(destroyMethod = "close")
    ClientBudgets clientBudgets(EdgeProperties edge) {
        String redis = edge.rateLimit().redisUrl();
        return redis == null || redis.isBlank()
                ? new ClientBudgets.Local(edge.rateLimit())
                : new ClientBudgets.Redis(edge.rateLimit());
    }

    @Bean
    RateLimitFilter rateLimitFilter(EdgeProperties edge, ClientBudgets budgets, MeterRegistry registry) {
        return new RateLimitFilter(budgets, edge.rateLimit().enabled(), registry);
    }
}
