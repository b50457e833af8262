package dev.newsroom.platform.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A failure the client should hear about, in the RealWorld error shape {@code
 * {"errors":{"<field>":["<message>"]}}}. The factories name the common cases so that every service
 * says the same thing the same way.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final Map<String, List<String>> errors;
    private final Duration retryAfter;

    public ApiException(HttpStatus status, Map<String, List<String>> errors, Duration retryAfter) {
        super(status + " " + errors, null, false, false);
        this.status = status;
        this.errors = Map.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    public ApiException(HttpStatus status, String field, String message) {
        this(status, Map.of(field, List.of(message)), null);
    }

    /** 404 {@code {"errors":{"article":["not found"]}}}. */
    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, what, "not found");
    }

    /** 403 {@code {"errors":{"article":["forbidden"]}}}. */
    public static ApiException forbidden(String what) {
        return new ApiException(HttpStatus.FORBIDDEN, what, "forbidden");
    }

    /** 409, for a value that must be unique and is not: {@code has already been taken}. */
    public static ApiException taken(String field) {
        return new ApiException(HttpStatus.CONFLICT, field, "has already been taken");
    }

    /** 422, for a value that breaks a rule. */
    public static ApiException invalid(String field, String message) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, field, message);
    }

    /** 401 {@code {"errors":{"token":["is missing"]}}}. */
    public static ApiException tokenMissing() {
        return new ApiException(HttpStatus.UNAUTHORIZED, "token", "is missing");
    }

    /** 429 with a {@code Retry-After} header. */
    public static ApiException tooManyRequests(String field, String message, Duration retryAfter) {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, Map.of(field, List.of(message)), retryAfter);
    }

    public HttpStatus status() {
        return status;
    }

    public Map<String, List<String>> errors() {
        return errors;
    }

    /** How long the client should wait before trying again, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
