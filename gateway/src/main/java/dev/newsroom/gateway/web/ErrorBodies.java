package dev.newsroom.gateway.web;

import dev.newsroom.platform.web.ErrorBody;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Tells a RealWorld error body from anything else a service may answer an error with, and makes one. */
@Component
public class ErrorBodies {

    private final JsonMapper json;

    ErrorBodies(JsonMapper json) {
        this.json = json;
    }

    /** {@code body} when it is a RealWorld error body, otherwise one made from {@code status}. */
    public String inShape(String body, int status) {
        return isErrorBody(body) ? body : fromStatus(status);
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
