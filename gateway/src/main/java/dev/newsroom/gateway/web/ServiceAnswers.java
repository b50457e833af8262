package dev.newsroom.gateway.web;

import dev.newsroom.gateway.compose.Downstream;
import dev.newsroom.platform.web.ErrorBody;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service's own error answer (its status and RealWorld error body) reaches the client unchanged.
 * An answer without that body (a bare 4xx from a service's HTTP server, say) gets one made from its
 * status, so the client always sees the RealWorld shape.
 */
@RestControllerAdvice
class ServiceAnswers {

    private final JsonMapper json;

    ServiceAnswers(JsonMapper json) {
        this.json = json;
    }

    /**
     * Written straight to the response rather than returned as an entity: an entity goes through
     * content negotiation, and a client whose {@code Accept} cannot be parsed or matched would get
     * the status with an empty body.
     */
    @ExceptionHandler(Downstream.ServiceAnswer.class)
    Mono<Void> relay(Downstream.ServiceAnswer answer, ServerWebExchange exchange) {
        String body = isErrorBody(answer.body()) ? answer.body() : fromStatus(answer.status());
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatusCode.valueOf(answer.status()));
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
    }

    private boolean isErrorBody(String body) {
        try {
            JsonNode errors = json.readTree(body).path("errors");
            return errors.isObject() && !errors.isEmpty();
        } catch (JacksonException notJson) {
            return false;
        }
    }

    private String fromStatus(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        String reason = known == null ? "was refused" : known.getReasonPhrase().toLowerCase(Locale.ROOT);
        return json.writeValueAsString(ErrorBody.of("request", reason));
    }
}
