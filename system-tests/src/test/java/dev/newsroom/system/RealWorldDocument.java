package dev.newsroom.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

/**
 * The RealWorld OpenAPI document (vendored under {@code src/test/resources/realworld}, MIT, with its
 * licence beside it) as the conformance tests read it: its operations with their response statuses
 * and request-body fields, and a small checker of JSON answers against its schemas. Only the subset
 * of JSON Schema the document uses is understood (type, including {@code [string, 'null']},
 * required, properties, items, additionalProperties, format date-time); anything else in a schema
 * fails the check, so the checker cannot silently pass over a construct it does not know.
 */
final class RealWorldDocument {

    static final String RESOURCE = "/realworld/openapi.yml";
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");
    private static final List<String> UNDERSTOOD =
            List.of("type", "required", "properties", "items", "additionalProperties", "format", "$ref", "example");

    private final Map<String, Object> root;

    private RealWorldDocument(Map<String, Object> root) {
        this.root = root;
    }

    static RealWorldDocument load() {
        try (InputStream in = RealWorldDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test classpath");
            }
            return new RealWorldDocument(new Yaml().load(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String version() {
        return (String) map(root.get("info")).get("version");
    }

    /** One operation: its id, method, path (without the {@code /api} server prefix) and what it lists. */
    record Operation(
            String id,
            String method,
            String path,
            List<Integer> statuses,
            String wrapper,
            Map<String, Object> bodySchema,
            List<String> queryParameters) {

        /** The fields of the object inside the request body's wrapper, in document order. */
        List<String> fields() {
            return bodySchema == null
                    ? List.of()
                    : new ArrayList<>(map(bodySchema.get("properties")).keySet());
        }

        boolean requires(String field) {
            return bodySchema != null && list(bodySchema.get("required")).contains(field);
        }

        Map<String, Object> field(String name) {
            return map(map(bodySchema.get("properties")).get(name));
        }
    }

    List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        map(root.get("paths"))
                .forEach((path, item) -> map(item).forEach((method, value) -> {
                    if (!METHODS.contains(method)) {
                        return;
                    }
                    Map<String, Object> operation = map(value);
                    List<Integer> statuses = map(operation.get("responses")).keySet().stream()
                            .map(Integer::valueOf)
                            .toList();
                    String wrapper = null;
                    Map<String, Object> bodySchema = null;
                    if (operation.containsKey("requestBody")) {
                        Map<String, Object> envelope = schemaOf(resolve(operation.get("requestBody")));
                        wrapper = map(envelope.get("properties"))
                                .keySet()
                                .iterator()
                                .next();
                        bodySchema = resolve(map(envelope.get("properties")).get(wrapper));
                    }
                    List<String> query = new ArrayList<>();
                    for (Object parameter : list(operation.get("parameters"))) {
                        Map<String, Object> resolved = resolve(parameter);
                        if ("query".equals(resolved.get("in"))) {
                            query.add((String) resolved.get("name"));
                        }
                    }
                    operations.add(new Operation(
                            (String) operation.get("operationId"),
                            method.toUpperCase(),
                            path,
                            statuses,
                            wrapper,
                            bodySchema,
                            query));
                }));
        return operations;
    }

    /** Problems of {@code answer} against the schema the document gives for that status (empty: none). */
    List<String> problems(String operationId, int status, JsonNode answer) {
        Operation operation = operations().stream()
                .filter(candidate -> candidate.id().equals(operationId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the document has no operation " + operationId));
        Object response = operationResponses(operation).get(String.valueOf(status));
        if (response == null) {
            return List.of(operationId + " lists no " + status + " response");
        }
        Map<String, Object> content = map(resolve(response).get("content"));
        if (content.isEmpty()) {
            return answer == null ? List.of() : List.of("expected no body, got " + answer);
        }
        if (answer == null) {
            return List.of("expected a JSON body, got none");
        }
        List<String> problems = new ArrayList<>();
        check(schemaOf(resolve(response)), answer, "$", problems);
        return problems;
    }

    private Map<String, Object> operationResponses(Operation operation) {
        return map(map(map(map(root.get("paths")).get(operation.path()))
                        .get(operation.method().toLowerCase()))
                .get("responses"));
    }

    private void check(Map<String, Object> schema, JsonNode value, String where, List<String> problems) {
        schema = resolve(schema);
        for (String keyword : schema.keySet()) {
            if (!UNDERSTOOD.contains(keyword)) {
                problems.add(where + ": the checker does not understand '" + keyword + "'");
            }
        }
        List<String> types = typesOf(schema);
        if (!types.isEmpty() && types.stream().noneMatch(type -> hasType(value, type))) {
            problems.add(where + ": expected " + types + ", got " + value);
            return;
        }
        if (value.isString() && "date-time".equals(schema.get("format"))) {
            try {
                OffsetDateTime.parse(value.asString());
            } catch (DateTimeParseException e) {
                problems.add(where + ": not a date-time: " + value);
            }
        }
        if (value.isObject()) {
            for (Object required : list(schema.get("required"))) {
                if (!value.has((String) required)) {
                    problems.add(where + ": lacks required '" + required + "'");
                }
            }
            Map<String, Object> properties = map(schema.get("properties"));
            properties.forEach((name, property) -> {
                if (value.has(name)) {
                    check(map(property), value.get(name), where + "." + name, problems);
                }
            });
            if (schema.get("additionalProperties") instanceof Map<?, ?> additional) {
                value.properties().forEach(entry -> {
                    if (!properties.containsKey(entry.getKey())) {
                        check(map(additional), entry.getValue(), where + "." + entry.getKey(), problems);
                    }
                });
            }
        }
        if (value.isArray() && schema.get("items") != null) {
            for (int i = 0; i < value.size(); i++) {
                check(map(schema.get("items")), value.get(i), where + "[" + i + "]", problems);
            }
        }
    }

    static List<String> typesOf(Map<String, Object> schema) {
        Object type = schema.get("type");
        if (type == null) {
            return List.of();
        }
        return type instanceof List<?> several
                ? several.stream().map(String::valueOf).toList()
                : List.of(String.valueOf(type));
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "string" -> value.isString();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "array" -> value.isArray();
            case "object" -> value.isObject();
            case "null" -> value.isNull();
            default -> false;
        };
    }

    private Map<String, Object> schemaOf(Map<String, Object> bodyOrResponse) {
        Map<String, Object> json = map(map(bodyOrResponse.get("content")).get("application/json"));
        return resolve(json.get("schema"));
    }

    /** Follows {@code $ref}s ({@code #/components/…}) until a plain object. */
    private Map<String, Object> resolve(Object node) {
        Map<String, Object> current = map(node);
        while (current.containsKey("$ref")) {
            Object target = root;
            for (String part : ((String) current.get("$ref")).substring(2).split("/")) {
                target = map(target).get(part);
            }
            current = map(target);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        return node instanceof Map<?, ?> found ? (Map<String, Object>) found : new LinkedHashMap<>();
    }

    static List<Object> list(Object node) {
        return node instanceof List<?> found ? new ArrayList<>(found) : List.of();
    }
}
