package dev.newsroom.gateway.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The paths and methods an OpenAPI document declares, and whether a route's or a controller's path
 * pattern is among them. A pattern's {@code *} segment (or a partial wildcard) stands for any value,
 * so the document may have a {@code {parameter}} or a literal there; a {@code {variable}} segment
 * needs a {@code {parameter}} in the document; a trailing {@code /**} (or {@code {*rest}}) needs at
 * least one documented path below its prefix, since nothing tells which sub-paths the service has.
 */
final class DocumentedApi {

    private static final Set<String> OPERATIONS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    /** Documented path template to its operations (upper-case HTTP methods). */
    private final Map<String, Set<String>> operations;

    DocumentedApi(Map<String, Set<String>> operations) {
        this.operations = operations;
    }

    static DocumentedApi load(String classpathLocation) {
        try {
            return of(new YAMLMapper().readTree(new ClassPathResource(classpathLocation).getContentAsByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DocumentedApi of(JsonNode document) {
        Map<String, Set<String>> operations = new LinkedHashMap<>();
        document.path("paths").properties().forEach(path -> {
            List<String> methods = new ArrayList<>();
            path.getValue().propertyNames().forEach(key -> {
                if (OPERATIONS.contains(key)) {
                    methods.add(key.toUpperCase(Locale.ROOT));
                }
            });
            operations.put(path.getKey(), Set.copyOf(methods));
        });
        return new DocumentedApi(operations);
    }

    /** Whether some documented path the pattern covers has this method, or any method when null. */
    boolean covers(String pattern, HttpMethod method) {
        return operations.entrySet().stream()
                .anyMatch(documented -> matches(pattern, documented.getKey())
                        && (method == null
                                ? !documented.getValue().isEmpty()
                                : documented.getValue().contains(method.name())));
    }

    static boolean matches(String pattern, String documented) {
        String[] wanted = segments(pattern);
        String[] present = segments(documented);
        for (int i = 0; i < wanted.length; i++) {
            if (isCatchAll(wanted[i])) {
                return i == wanted.length - 1 && present.length > i;
            }
            if (i >= present.length || !segmentMatches(wanted[i], present[i])) {
                return false;
            }
        }
        return wanted.length == present.length;
    }

    private static boolean segmentMatches(String wanted, String present) {
        boolean documentedParameter = present.startsWith("{") && present.endsWith("}");
        if (wanted.startsWith("{") && wanted.endsWith("}") && wanted.indexOf('}') == wanted.length() - 1) {
            return documentedParameter;
        }
        if (wanted.contains("*") || wanted.contains("?") || wanted.contains("{")) {
            return documentedParameter || globToRegex(wanted).matcher(present).matches();
        }
        return wanted.equals(present);
    }

    private static boolean isCatchAll(String segment) {
        return segment.equals("**") || segment.startsWith("{*");
    }

    private static Pattern globToRegex(String segment) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '*' || c == '?' || c == '{') {
                regex.append(Pattern.quote(literal.toString()));
                literal.setLength(0);
                if (c == '*') {
                    regex.append(".*");
                } else if (c == '?') {
                    regex.append('.');
                } else {
                    i = segment.indexOf('}', i);
                    if (i < 0) {
                        throw new IllegalArgumentException("unclosed variable in " + segment);
                    }
                    regex.append(".+");
                }
            } else {
                literal.append(c);
            }
        }
        return Pattern.compile(regex.append(Pattern.quote(literal.toString())).toString());
    }

    private static String[] segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }
}
