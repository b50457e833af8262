package dev.newsroom.gateway.compose;

import java.nio.charset.StandardCharsets;
import org.springframework.web.util.UriUtils;

/**
 * The path and query of a call to a service, built from what the client sent: every value the
 * client chose (a slug, a username, a tag, a cursor) is percent-encoded strictly (everything but
 * letters, digits and {@code -._~}), exactly once, so the service decodes exactly the value the
 * client meant. Nothing is a template: {@code {}}, {@code +}, {@code ;}, {@code /}, {@code ?} and
 * {@code %} in a value are data, never syntax.
 */
public final class Target {

    private final StringBuilder path;
    private boolean hasQuery;

    private Target(String fixed) {
        this.path = new StringBuilder(fixed);
    }

    /** Starts with a path the gateway itself wrote, taken as it is ({@code /api/articles}). */
    public static Target of(String fixedPath) {
        return new Target(fixedPath);
    }

    /** {@code /api/articles/{slug}}, the path of an article at article- and comment-service. */
    public static Target article(String slug) {
        return of("/api/articles").segment(slug);
    }

    /** Appends {@code /} and one path segment holding {@code value}. */
    public Target segment(String value) {
        path.append('/').append(encode(value));
        return this;
    }

    /** Appends a fixed piece of path the gateway itself wrote ({@code /comments}). */
    public Target then(String fixed) {
        path.append(fixed);
        return this;
    }

    /** Appends {@code name=value} to the query, unless {@code value} is null. */
    public Target query(String name, Object value) {
        if (value != null) {
            path.append(hasQuery ? '&' : '?').append(encode(name)).append('=').append(encode(String.valueOf(value)));
            hasQuery = true;
        }
        return this;
    }

    @Override
    public String toString() {
        return path.toString();
    }

    static String encode(String value) {
        return UriUtils.encode(value, StandardCharsets.UTF_8);
    }
}
