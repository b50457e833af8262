package dev.newsroom.platform.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * Reads the fields of a RealWorld request body ({@code {"user": {…}}}, {@code {"comment": {…}}})
 * by one rule for every service, so that an absent field, an explicit {@code null}, an empty or
 * whitespace-only string and a value of the wrong JSON type mean the same thing everywhere (see
 * docs/realworld-conformance.md). Problems are collected per field and reported together as one
 * 422 in the RealWorld error shape, naming each field.
 *
 * <p>Bodies are read as JSON trees rather than bound to records because a record cannot tell an
 * absent field from a {@code null} one, and Jackson would quietly turn {@code 5} into {@code "5"}.
 */
public final class RequestFields {

    public static final String BLANK = "can't be blank";
    public static final String NOT_A_STRING = "must be a string";
    public static final String NOT_A_STRING_OR_NULL = "must be a string or null";

    private final JsonNode object;
    private final Map<String, List<String>> errors = new LinkedHashMap<>();

    private RequestFields(JsonNode object) {
        this.object = object;
    }

    /**
     * The object under {@code wrapper} in {@code request}. A missing body, a missing or {@code null}
     * wrapper is 422 {@code {"<wrapper>": ["can't be blank"]}}; a wrapper that is not an object is
     * 422 {@code {"<wrapper>": ["must be an object"]}}.
     */
    public static RequestFields of(JsonNode request, String wrapper) {
        JsonNode object = request == null || !request.isObject() ? null : request.get(wrapper);
        if (object == null || object.isNull() || object.isMissingNode()) {
            throw ApiException.invalid(wrapper, BLANK);
        }
        if (!object.isObject()) {
            throw ApiException.invalid(wrapper, "must be an object");
        }
        return new RequestFields(object);
    }

    /** Whether the field is in the body at all (an explicit {@code null} is present). */
    public boolean has(String field) {
        return object.has(field);
    }

    /** The field's JSON value as sent (null when absent), for a field with a rule of its own. */
    public JsonNode value(String field) {
        return object.get(field);
    }

    /** Whether any of {@code fields} is present. */
    public boolean hasAny(List<String> fields) {
        return fields.stream().anyMatch(object::has);
    }

    /**
     * A string the request must give: absent, {@code null}, empty and whitespace-only are {@value
     * #BLANK}; any other JSON type is {@value #NOT_A_STRING}. Null when there is a problem.
     */
    public String required(String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            add(field, BLANK);
            return null;
        }
        return nonBlank(field, value);
    }

    /**
     * A string the request may leave out (then null: "unchanged"), but may not blank: {@code null},
     * empty and whitespace-only are {@value #BLANK}, because the field has no "no value" state.
     */
    public String optional(String field) {
        JsonNode value = object.get(field);
        if (value == null) {
            return null;
        }
        if (value.isNull()) {
            add(field, BLANK);
            return null;
        }
        return nonBlank(field, value);
    }

    /**
     * A field typed {@code [string, 'null']}: absent is {@link Change#UNCHANGED}; {@code null}, empty
     * and whitespace-only all clear it (one way to say "none", so reads show {@code null}, never
     * {@code ""}); another JSON type is {@value #NOT_A_STRING_OR_NULL}.
     */
    public Change nullable(String field) {
        JsonNode value = object.get(field);
        if (value == null) {
            return Change.UNCHANGED;
        }
        if (value.isNull()) {
            return Change.CLEARED;
        }
        if (!value.isString()) {
            add(field, NOT_A_STRING_OR_NULL);
            return Change.UNCHANGED;
        }
        return value.asString().isBlank() ? Change.CLEARED : Change.to(value.asString());
    }

    /** Records a problem with a field, to be reported with the others. */
    public void add(String field, String message) {
        errors.computeIfAbsent(field, key -> new ArrayList<>()).add(message);
    }

    /** The problems found so far, by field. */
    public Map<String, List<String>> problems() {
        return Map.copyOf(errors);
    }

    /** 422 with every problem found, if there is any. */
    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, errors, null);
        }
    }

    private String nonBlank(String field, JsonNode value) {
        if (!value.isString()) {
            add(field, NOT_A_STRING);
            return null;
        }
        if (value.asString().isBlank()) {
            add(field, BLANK);
            return null;
        }
        return value.asString();
    }

    /**
     * What a request says about a nullable field: leave it, clear it, or set it to {@code value}.
     */
    public record Change(boolean given, String value) {

        public static final Change UNCHANGED = new Change(false, null);
        public static final Change CLEARED = new Change(true, null);

        public static Change to(String value) {
            return new Change(true, value);
        }

        /** The value after the change, given the current one. */
        public String appliedTo(String current) {
            return given ? value : current;
        }
    }
}
