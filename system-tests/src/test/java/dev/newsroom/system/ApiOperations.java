package dev.newsroom.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.Yaml;

/**
 * The operations of the gateway's OpenAPI document ({@code gateway/src/main/resources/openapi/
 * newsroom.yaml}) as a test needs them: method, path, the parameters a client fills in (path-level
 * and operation-level, {@code $ref}s resolved), the envelope of the JSON body, if any, with its
 * fields, and what the success answer is served as. Read from the document itself, so an endpoint
 * added there is exercised without touching the tests.
 */
record ApiOperations(Map<String, Object> document, List<Operation> all) {

    static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    record Parameter(String name, String in) {}

    /** {@code body} is the envelope's name ({@code user}, {@code article}, …) and its fields, or null. */
    record Operation(String method, String path, String id, List<Parameter> parameters, Body body, String accept) {

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    record Body(String envelope, List<String> fields) {}

    static ApiOperations read(Path yaml) {
        try (InputStream in = Files.newInputStream(yaml)) {
            Map<String, Object> document = new Yaml().load(in);
            return new ApiOperations(document, operations(document));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The paths the document lists, with the methods it documents for each. */
    Map<String, Set<String>> methodsByPath() {
        Map<String, Set<String>> methods = new LinkedHashMap<>();
        for (Operation operation : all) {
            methods.computeIfAbsent(operation.path(), path -> new java.util.TreeSet<>())
                    .add(operation.method());
        }
        return methods;
    }

    private static List<Operation> operations(Map<String, Object> document) {
        List<Operation> operations = new ArrayList<>();
        Map<String, Object> paths = map(document.get("paths"));
        for (Map.Entry<String, Object> path : paths.entrySet()) {
            Map<String, Object> item = map(path.getValue());
            for (Map.Entry<String, Object> entry : item.entrySet()) {
                if (!METHODS.contains(entry.getKey())) {
                    continue;
                }
                Map<String, Object> operation = map(entry.getValue());
                List<Parameter> parameters = new ArrayList<>();
                parameters(document, item.get("parameters"), parameters);
                parameters(document, operation.get("parameters"), parameters);
                operations.add(new Operation(
                        entry.getKey().toUpperCase(java.util.Locale.ROOT),
                        path.getKey(),
                        String.valueOf(operation.get("operationId")),
                        List.copyOf(parameters),
                        body(document, operation.get("requestBody")),
                        accept(document, map(operation.get("responses")))));
            }
        }
        return List.copyOf(operations);
    }

    private static void parameters(Map<String, Object> document, Object declared, List<Parameter> into) {
        if (declared == null) {
            return;
        }
        for (Object each : (List<?>) declared) {
            Map<String, Object> parameter = resolve(document, map(each));
            Parameter found = new Parameter(String.valueOf(parameter.get("name")), String.valueOf(parameter.get("in")));
            into.removeIf(
                    known -> known.name().equals(found.name()) && known.in().equals(found.in()));
            into.add(found);
        }
    }

    private static Body body(Map<String, Object> document, Object declared) {
        if (declared == null) {
            return null;
        }
        Map<String, Object> content = map(resolve(document, map(declared)).get("content"));
        Map<String, Object> schema =
                resolve(document, map(map(content.get("application/json")).get("schema")));
        Map<String, Object> properties = map(schema.get("properties"));
        if (properties.isEmpty()) {
            return new Body(null, List.of());
        }
        String envelope = properties.keySet().iterator().next();
        Map<String, Object> inner = resolve(document, map(properties.get(envelope)));
        return new Body(envelope, List.copyOf(map(inner.get("properties")).keySet()));
    }

    /** The media type of the first 2xx answer: what a client asks for in {@code Accept}. */
    private static String accept(Map<String, Object> document, Map<String, Object> responses) {
        for (Map.Entry<String, Object> response : responses.entrySet()) {
            if (response.getKey().startsWith("2")) {
                Map<String, Object> content =
                        map(resolve(document, map(response.getValue())).get("content"));
                return content.isEmpty()
                        ? "application/json"
                        : content.keySet().iterator().next();
            }
        }
        return "application/json";
    }

    /** Follows a local {@code $ref} ({@code #/components/...}); anything else is returned as it is. */
    private static Map<String, Object> resolve(Map<String, Object> document, Map<String, Object> node) {
        Object ref = node.get("$ref");
        if (!(ref instanceof String pointer) || !pointer.startsWith("#/")) {
            return node;
        }
        Object target = document;
        for (String part : pointer.substring(2).split("/")) {
            target = map(target).get(part);
        }
        return resolve(document, map(target));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return node instanceof Map<?, ?> found ? (Map<String, Object>) found : Map.of();
    }
}
