package dev.newsroom.platform.web;

import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Closes the connection after a response that was answered without reading the request's body
 * (a 401 for a missing token, a 429, a 404 for an unknown path, a 413), instead of keeping it alive.
 *
 * <p>Why: with HTTP/1.1 keep-alive, a request whose body bytes reach the server in a later read
 * than its headers, while an early answer is being written, can leave the server's connection no
 * longer answering: the client's next request on that connection got no answer at all (seen
 * here about once in a few hundred "401, then the same request with a token" pairs from Java's
 * HttpClient, captured with tcpdump: the next request was sent and never answered for 30 s). A
 * connection closed after such an answer is never reused, so the next request opens a new one. A
 * response that follows a fully read body (every normal write) keeps the connection.
 */
final class UnreadBodyClose implements WebFilter, Ordered {

    @Override
    public int getOrder() {
        // Right after the request id, before the security chain and the gateway's edge filters.
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!hasBody(request.getHeaders())) {
            return chain.filter(exchange);
        }
        AtomicBoolean read = new AtomicBoolean();
        exchange.getResponse().beforeCommit(() -> {
            if (!read.get()) {
                exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
            }
            return Mono.empty();
        });
        ServerHttpRequest tracked = new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                return super.getBody().doOnComplete(() -> read.set(true));
            }
        };
        return chain.filter(exchange.mutate().request(tracked).build());
    }

    private static boolean hasBody(HttpHeaders headers) {
        return headers.getContentLength() > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
    }
}
