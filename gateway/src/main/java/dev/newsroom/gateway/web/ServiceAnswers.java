package dev.newsroom.gateway.web;

import dev.newsroom.gateway.compose.Downstream;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A service's own error answer (its status and RealWorld error body) reaches the client unchanged. */
@RestControllerAdvice
class ServiceAnswers {

    @ExceptionHandler(Downstream.ServiceAnswer.class)
    ResponseEntity<String> relay(Downstream.ServiceAnswer answer) {
        return ResponseEntity.status(answer.status())
                .contentType(MediaType.APPLICATION_JSON)
                .body(answer.body());
    }
}
