package dev.newsroom.gateway.edge;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The headers that harden what browsers do with our responses, on top of Spring Security's defaults
 * ({@code X-Content-Type-Options}, {@code X-Frame-Options}, {@code Cache-Control}): a Content Security
 * Policy that lets the web front end load only its own scripts and call only this origin (article
 * bodies may show https images), no referrer leaking to other sites, and no powerful browser features.
 */
class SecurityHeaders implements WebFilter, Ordered {

    static final String CONTENT_SECURITY_POLICY = String.join(
            "; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' https: data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpHeaders headers = exchange.getResponse().getHeaders();
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
        headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
        headers.set("Cross-Origin-Opener-Policy", "same-origin");
        return chain.filter(exchange);
    }
}
