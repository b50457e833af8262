package dev.newsroom.gateway.web;

import java.nio.charset.StandardCharsets;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The same promise as {@link ServiceAnswers} for the proxied routes: an error a service answers
 * without a RealWorld error body (empty, HTML, plain text) reaches the client with one made from
 * its status. Successful answers pass by untouched, without being read; only {@code /api/} is
 * the RealWorld API.
 */
@Component
class RelayedErrors implements WebFilter {

    private final ErrorBodies errorBodies;

    RelayedErrors(ErrorBodies errorBodies) {
        this.errorBodies = errorBodies;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!exchange.getRequest().getPath().value().startsWith("/api/")) {
            // Health and the front end's files answer in their own shapes.
            return chain.filter(exchange);
        }
        return chain.filter(
                exchange.mutate().response(new InShape(exchange.getResponse())).build());
    }

    private final class InShape extends ServerHttpResponseDecorator {

        InShape(ServerHttpResponse response) {
            super(response);
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            if (getStatusCode() == null || !getStatusCode().isError()) {
                return super.writeWith(body);
            }
            return DataBufferUtils.join(body)
                    .map(joined -> {
                        String text = joined.toString(StandardCharsets.UTF_8);
                        DataBufferUtils.release(joined);
                        return text;
                    })
                    .defaultIfEmpty("")
                    .flatMap(text -> {
                        byte[] shaped = errorBodies
                                .inShape(text, getStatusCode().value())
                                .getBytes(StandardCharsets.UTF_8);
                        HttpHeaders headers = getHeaders();
                        headers.setContentType(MediaType.APPLICATION_JSON);
                        headers.setContentLength(shaped.length);
                        headers.remove(HttpHeaders.TRANSFER_ENCODING);
                        return super.writeWith(Mono.just(bufferFactory().wrap(shaped)));
                    });
        }
    }
}
