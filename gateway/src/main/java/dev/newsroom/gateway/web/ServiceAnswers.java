package dev.newsroom.gateway.web;

import dev.newsroom.gateway.compose.Downstream;
import dev.newsroom.platform.web.ErrorBody;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
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

    @ExceptionHandler(Downstream.ServiceAnswer.class)
    ResponseEntity<String> relay(Downstream.ServiceAnswer answer) {
        String body = isErrorBody(answer.body()) ? answer.body() : fromStatus(answer.status());
        return ResponseEntity.status(answer.status())
                .contentType(MediaType.APPLICATION_JSON)
                .body(body);
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
