package dev.newsroom.platform.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns every failure into the RealWorld error shape: what the client sent wrong becomes a 4xx that
 * says which field and why; only our own faults become a 500, logged here and never described to the
 * client beyond "internal error". It runs before Boot's own handler, so no stack trace or Whitelabel
 * body ever leaves the service.
 */
public class ApiErrorHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

    private final JsonMapper json;

    public ApiErrorHandler(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(failure);
        }
        ApiException error = translate(failure, exchange);
        if (error.status().is5xxServerError()) {
            RequestIds.logWith(
                    RequestIds.correlationOf(exchange),
                    () -> log.error(
                            "{} {} failed",
                            exchange.getRequest().getMethod(),
                            exchange.getRequest().getPath(),
                            failure));
        }
        return write(exchange, error);
    }

    static ApiException translate(Throwable failure, ServerWebExchange exchange) {
        if (failure instanceof ApiException api) {
            return api;
        }
        if (failure instanceof ServerExchangeRejectedException rejected) {
            return RejectedRequests.translate(rejected);
        }
        if (failure instanceof InvalidMediaTypeException || hasCause(failure, InvalidMediaTypeException.class)) {
            // An Accept or Content-Type that is not a media type at all ("garbage"), read by a handler.
            return new ApiException(HttpStatus.BAD_REQUEST, "header", "has a media type that is not valid");
        }
        if (failure instanceof WebExchangeBindException invalid) {
            return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, fieldErrors(invalid), null);
        }
        if (failure instanceof UnsupportedMediaTypeStatusException) {
            return new ApiException(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE, "body", "must be JSON (Content-Type: application/json)");
        }
        if (hasCause(failure, DataBufferLimitException.class)) {
            return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "body", "is too large");
        }
        if (failure instanceof ServerWebInputException input) {
            return badInput(input);
        }
        if (failure instanceof MethodNotAllowedException) {
            return new ApiException(HttpStatus.METHOD_NOT_ALLOWED, "method", "is not allowed here");
        }
        if (failure instanceof ResponseStatusException status) {
            return fromStatus(status.getStatusCode(), exchange);
        }
        if (hasCause(failure, java.net.ConnectException.class)
                || hasCause(failure, java.util.concurrent.TimeoutException.class)) {
            // A service this one depends on (or proxies to) does not answer: not this service's bug.
            return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "service", "unavailable");
        }
        return new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "server", "internal error");
    }

    private static ApiException badInput(ServerWebInputException input) {
        if (input.getMethodParameter() != null && !hasCause(input, DecodingException.class)) {
            String name = input.getMethodParameter().getParameterName();
            return ApiException.invalid(name == null ? "parameter" : name, "is invalid");
        }
        return ApiException.invalid("body", "is not valid JSON for this request");
    }

    private static ApiException fromStatus(HttpStatusCode code, ServerWebExchange exchange) {
        if (code.value() == HttpStatus.NOT_FOUND.value()) {
            return ApiException.notFound("path");
        }
        HttpStatus status = HttpStatus.resolve(code.value());
        if (status == HttpStatus.SERVICE_UNAVAILABLE || status == HttpStatus.GATEWAY_TIMEOUT) {
            return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "service", "unavailable");
        }
        if (status == null || status.is5xxServerError()) {
            return new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "server", "internal error");
        }
        return new ApiException(status, "request", status.getReasonPhrase().toLowerCase());
    }

    private static Map<String, List<String>> fieldErrors(WebExchangeBindException invalid) {
        Map<String, List<String>> errors = new TreeMap<>();
        for (FieldError field : invalid.getFieldErrors()) {
            String name = field.getField();
            // Nested request wrappers ({"user":{…}}) report "user.email"; clients expect "email".
            String shortName = name.substring(name.lastIndexOf('.') + 1);
            errors.computeIfAbsent(shortName, key -> new ArrayList<>()).add(field.getDefaultMessage());
        }
        if (errors.isEmpty()) {
            invalid.getGlobalErrors()
                    .forEach(global -> errors.computeIfAbsent("body", key -> new ArrayList<>())
                            .add(global.getDefaultMessage()));
        }
        return new LinkedHashMap<>(errors);
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private Mono<Void> write(ServerWebExchange exchange, ApiException error) {
        var response = exchange.getResponse();
        response.setStatusCode(error.status());
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        if (error.retryAfter() != null) {
            response.getHeaders()
                    .set(
                            HttpHeaders.RETRY_AFTER,
                            String.valueOf(Math.max(1, error.retryAfter().toSeconds())));
        }
        byte[] body = json.writeValueAsBytes(new ErrorBody(error.errors()));
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }
}
