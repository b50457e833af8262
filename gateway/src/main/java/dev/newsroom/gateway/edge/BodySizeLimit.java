package dev.newsroom.gateway.edge;

import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses a request whose declared body is larger than the limit with 413 in the RealWorld shape,
 * before any of it is read or forwarded. Bodies without a declared length are bounded by the codecs'
 * in-memory limit at the gateway's own endpoints and by each service's own.
 */
class BodySizeLimit implements WebFilter, Ordered {

    private static final byte[] TOO_LARGE =
            "{\"errors\":{\"body\":[\"is too large\"]}}".getBytes(StandardCharsets.UTF_8);

    private final long maxBytes;

    BodySizeLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 2;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest().getHeaders().getContentLength() <= maxBytes) {
            return chain.filter(exchange);
        }
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatus.CONTENT_TOO_LARGE);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(TOO_LARGE)));
    }
}
