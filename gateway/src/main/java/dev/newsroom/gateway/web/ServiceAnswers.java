package dev.newsroom.gateway.web;

import dev.newsroom.gateway.compose.Downstream;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A service's own error answer to a composed call (its status and RealWorld error body) reaches the
 * client unchanged. An answer without that body (a bare 4xx from a service's HTTP server, say) gets
 * one made from its status, so the client always sees the RealWorld shape.
 */
@RestControllerAdvice
class ServiceAnswers {

    private final ErrorBodies errorBodies;

    ServiceAnswers(ErrorBodies errorBodies) {
        this.errorBodies = errorBodies;
    }

    /**
     * Written straight to the response rather than returned as an entity: an entity goes through
     * content negotiation, and a client whose {@code Accept} cannot be parsed or matched would get
     * the status with an empty body.
     */
    @ExceptionHandler(Downstream.ServiceAnswer.class)
    Mono<Void> relay(Downstream.ServiceAnswer answer, ServerWebExchange exchange) {
        String body = errorBodies.inShape(answer.body(), answer.status());
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatusCode.valueOf(answer.status()));
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
    }
}
