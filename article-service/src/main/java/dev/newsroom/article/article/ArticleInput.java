package dev.newsroom.article.article;

import dev.newsroom.platform.web.ApiException;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * The fields of an article request, checked. A field absent from the JSON is {@link #has absent}
 * (an update leaves it alone); an explicit {@code null} is a value, refused where it makes no sense
 * ({@code "tagList": null}) and meaning "remove" where it does (source, cover image). All problems are
 * reported at once, per field, in the RealWorld error shape.
 */
public record ArticleInput(
        Set<String> present,
        String title,
        String description,
        String body,
        List<String> tagList,
        List<Article.Label> labels,
        Article.Source source,
        String coverImage) {

    static final String BLANK = "can't be blank";
    static final int TITLE_MAX = 200;
    static final int DESCRIPTION_MAX = 500;
    static final int BODY_MAX = 100_000;
    static final int TAGS_MAX = 20;
    static final int TAG_MAX = 40;
    static final int LABELS_MAX = 5;
    static final int URL_MAX = 2048;
    /** Every field an article request may name: RealWorld's four and Newsroom's own. */
    static final Set<String> FIELDS =
            Set.of("title", "description", "body", "tagList", "labels", "source", "coverImage");

    public boolean has(String field) {
        return present.contains(field);
    }

    /** Checks the {@code article} object of a create ({@code creating}) or update request. */
    public static ArticleInput parse(JsonNode article, boolean creating) {
        if (article == null || article.isNull() || article.isMissingNode()) {
            throw ApiException.invalid("article", BLANK);
        }
        if (!article.isObject()) {
            throw ApiException.invalid("article", "must be an object");
        }
        Errors errors = new Errors();
        Set<String> present = new LinkedHashSet<>();
        article.propertyNames().forEach(present::add);
        if (!creating && present.stream().noneMatch(FIELDS::contains)) {
            // RealWorld's update changes at least one field; a body naming none is a client's mistake.
            errors.add("article", "must contain at least one of title, description, body, tagList");
        }
        if (present.contains("status") && !creating) {
            // A story's status moves only through submit, schedule, publish and withdraw, which
            // check who may move it; an edit that named one would otherwise be silently ignored.
            errors.add("status", "is changed through submit, schedule, publish and withdraw");
        }
        if (present.contains("corrections")) {
            // Corrections are appended by editors one at a time and never rewritten.
            errors.add("corrections", "are appended through POST /api/articles/{slug}/corrections");
        }

        String title = text(article, "title", TITLE_MAX, creating, errors);
        String description = text(article, "description", DESCRIPTION_MAX, creating, errors);
        String body = text(article, "body", BODY_MAX, creating, errors);
        List<String> tags = tags(article.get("tagList"), present.contains("tagList"), errors);
        List<Article.Label> labels = labels(article.get("labels"), errors);
        Article.Source source = source(article.get("source"), errors);
        String coverImage = url(article.get("coverImage"), "coverImage", errors);
        errors.throwIfAny();
        return new ArticleInput(
                Set.copyOf(present),
                title == null ? null : title.trim(),
                description,
                body,
                tags,
                labels,
                source,
                coverImage);
    }

    private static String text(JsonNode article, String field, int max, boolean required, Errors errors) {
        JsonNode value = article.get(field);
        if (value == null) {
            if (required) {
                errors.add(field, BLANK);
            }
            return null;
        }
        if (value.isNull()) {
            errors.add(field, BLANK);
            return null;
        }
        if (!value.isString()) {
            errors.add(field, "must be a string");
            return null;
        }
        String text = value.asString();
        if (text.isBlank()) {
            errors.add(field, BLANK);
        } else if (text.length() > max) {
            errors.add(field, "is too long (maximum is " + max + " characters)");
        }
        return text;
    }

    /** Absent: no change (or none, on create). {@code []}: no tags. {@code null}: refused. */
    private static List<String> tags(JsonNode value, boolean present, Errors errors) {
        if (!present) {
            return null;
        }
        if (value == null || value.isNull() || !value.isArray()) {
            errors.add("tagList", "must be a list of tags");
            return null;
        }
        LinkedHashSet<String> tags = new LinkedHashSet<>();
        for (JsonNode tag : value) {
            if (!tag.isString() || tag.asString().isBlank()) {
                errors.add("tagList", "must contain only non-empty strings");
                return null;
            }
            String trimmed = tag.asString().trim();
            if (trimmed.length() > TAG_MAX) {
                errors.add("tagList", "has a tag longer than " + TAG_MAX + " characters");
                return null;
            }
            tags.add(trimmed);
        }
        if (tags.size() > TAGS_MAX) {
            errors.add("tagList", "has more than " + TAGS_MAX + " tags");
        }
        return List.copyOf(tags);
    }

    private static List<Article.Label> labels(JsonNode value, Errors errors) {
        if (value == null) {
            return null;
        }
        if (value.isNull()) {
            return List.of();
        }
        if (!value.isArray() || value.size() > LABELS_MAX) {
            errors.add("labels", "must be a list of at most " + LABELS_MAX + " labels");
            return null;
        }
        List<Article.Label> labels = new ArrayList<>();
        for (JsonNode label : value) {
            JsonNode name = label.get("name");
            if (!label.isObject()
                    || name == null
                    || !name.isString()
                    || name.asString().isBlank()) {
                errors.add("labels", "each label needs a name");
                return null;
            }
            if (name.asString().trim().length() > TAG_MAX) {
                errors.add("labels", "a label name is longer than " + TAG_MAX + " characters");
                return null;
            }
            labels.add(new Article.Label(name.asString().trim(), instant(label.get("expiresAt"), errors)));
        }
        return List.copyOf(labels);
    }

    private static Instant instant(JsonNode value, Errors errors) {
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            return Instant.parse(value.asString());
        } catch (DateTimeParseException e) {
            errors.add("labels", "expiresAt must be an ISO-8601 time such as 2026-11-27T09:00:00Z");
            return null;
        }
    }

    private static Article.Source source(JsonNode value, Errors errors) {
        if (value == null || value.isNull()) {
            return null;
        }
        JsonNode name = value.get("name");
        if (!value.isObject()
                || name == null
                || !name.isString()
                || name.asString().isBlank()) {
            errors.add("source", "needs a name");
            return null;
        }
        if (name.asString().length() > TITLE_MAX) {
            errors.add("source", "name is too long (maximum is " + TITLE_MAX + " characters)");
            return null;
        }
        return new Article.Source(name.asString().trim(), url(value.get("url"), "source", errors));
    }

    private static String url(JsonNode value, String field, Errors errors) {
        if (value == null
                || value.isNull()
                || (value.isString() && value.asString().isBlank())) {
            return null;
        }
        if (!value.isString()
                || value.asString().length() > URL_MAX
                || !isWebUrl(value.asString().trim())) {
            errors.add(field, "must be an http or https URL");
            return null;
        }
        return value.asString().trim();
    }

    private static boolean isWebUrl(String text) {
        try {
            URI uri = new URI(text);
            return uri.getHost() != null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (Exception e) {
            return false;
        }
    }

    /** Problems by field, in the order they were found. */
    private static final class Errors {
        private final Map<String, List<String>> byField = new LinkedHashMap<>();

        void add(String field, String message) {
            byField.computeIfAbsent(field, key -> new ArrayList<>()).add(message);
        }

        void throwIfAny() {
            if (!byField.isEmpty()) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, byField, null);
            }
        }
    }
}
