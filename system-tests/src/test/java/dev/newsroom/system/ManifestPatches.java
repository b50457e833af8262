package dev.newsroom.system;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.Yaml;

/**
 * The two kinds of patch a kustomization's {@code patches:} holds, applied to YAML maps the way
 * kustomize applies them as far as deploy/k8s needs: a JSON 6902 list of add, replace and remove
 * operations on the resources a target selects (kind, name, label equalities), and a strategic merge
 * patch on the resource of its own kind and name (maps merged, lists of named items merged by name,
 * other lists replaced, a null removing a key). Anything else (another operation, a {@code $patch}
 * directive, a path that is not there) throws, so an overlay that would not build fails the test.
 */
final class ManifestPatches {

    private ManifestPatches() {}

    /**
     * Applies the patch (one JSON 6902 list, or one or more strategic merge documents) and returns the
     * resources it changed, none if it matched nothing.
     */
    static List<Map<String, Object>> apply(
            String text, Map<String, Object> target, List<Map<String, Object>> resources) {
        var documents = new ArrayList<Object>();
        new Yaml().loadAll(text).forEach(document -> {
            if (document != null) {
                documents.add(document);
            }
        });
        if (documents.size() == 1 && documents.get(0) instanceof List<?> operations) {
            if (target.isEmpty()) {
                throw new IllegalArgumentException("a JSON 6902 patch needs a target: " + text);
            }
            var selected = resources.stream().filter(r -> selects(target, r)).toList();
            for (var resource : selected) {
                for (var operation : operations) {
                    operate(resource, asMap(operation));
                }
            }
            return selected;
        }
        var changed = new ArrayList<Map<String, Object>>();
        for (var document : documents) {
            var merge = asMap(document);
            if (merge.isEmpty()) {
                throw new IllegalArgumentException("neither a JSON 6902 list nor a resource: " + text);
            }
            var own = new LinkedHashMap<String, Object>();
            own.put("kind", merge.get("kind"));
            own.put("name", asMap(merge.get("metadata")).get("name"));
            var selected = resources.stream()
                    .filter(r -> selects(target.isEmpty() ? own : target, r))
                    .toList();
            if (selected.isEmpty()) {
                // Each document must change something; an empty list reports the patch as aimless.
                return List.of();
            }
            for (var resource : selected) {
                mergeInto(resource, merge);
            }
            changed.addAll(selected);
        }
        return changed;
    }

    private static boolean selects(Map<String, Object> target, Map<String, Object> resource) {
        var metadata = asMap(resource.get("metadata"));
        if (target.containsKey("kind") && !Objects.equals(target.get("kind"), resource.get("kind"))) {
            return false;
        }
        if (target.containsKey("name") && !Objects.equals(target.get("name"), metadata.get("name"))) {
            return false;
        }
        var labels = asMap(metadata.get("labels"));
        for (var equality :
                String.valueOf(target.getOrDefault("labelSelector", "")).split(",")) {
            if (equality.isBlank()) {
                continue;
            }
            var parts = equality.split("=", 2);
            if (parts.length != 2 || !parts[1].trim().equals(labels.get(parts[0].trim()))) {
                return false;
            }
        }
        return true;
    }

    private static void operate(Map<String, Object> resource, Map<String, Object> operation) {
        var path = String.valueOf(operation.get("path"));
        var steps = new ArrayList<String>();
        for (var step : path.substring(1).split("/", -1)) {
            steps.add(step.replace("~1", "/").replace("~0", "~"));
        }
        Object parent = resource;
        for (var step : steps.subList(0, steps.size() - 1)) {
            parent = child(parent, step, path);
        }
        var last = steps.get(steps.size() - 1);
        var op = String.valueOf(operation.get("op"));
        switch (op) {
            case "add" -> add(parent, last, operation.get("value"), path);
            case "replace" -> {
                child(parent, last, path);
                remove(parent, last);
                add(parent, last, operation.get("value"), path);
            }
            case "remove" -> {
                child(parent, last, path);
                remove(parent, last);
            }
            default -> throw new IllegalArgumentException("operation " + op + " is not applied here: " + path);
        }
    }

    private static Object child(Object parent, String step, String path) {
        Object found = parent instanceof Map<?, ?> map
                ? map.get(step)
                : parent instanceof List<?> list && step.matches("\\d+") && Integer.parseInt(step) < list.size()
                        ? list.get(Integer.parseInt(step))
                        : null;
        if (found == null) {
            throw new IllegalArgumentException(path + ": no " + step + " in the resource");
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    private static void add(Object parent, String step, Object value, String path) {
        if (parent instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).put(step, value);
        } else if (parent instanceof List<?> list) {
            var items = (List<Object>) list;
            items.add("-".equals(step) ? items.size() : Integer.parseInt(step), value);
        } else {
            throw new IllegalArgumentException(path + ": cannot add under a scalar");
        }
    }

    private static void remove(Object parent, String step) {
        if (parent instanceof Map<?, ?> map) {
            map.remove(step);
        } else if (parent instanceof List<?> list) {
            list.remove(Integer.parseInt(step));
        }
    }

    @SuppressWarnings("unchecked")
    private static void mergeInto(Map<String, Object> into, Map<String, Object> patch) {
        patch.forEach((key, value) -> {
            if (key.startsWith("$")) {
                throw new IllegalArgumentException("directive " + key + " is not applied here");
            }
            var current = into.get(key);
            if (value == null) {
                into.remove(key);
            } else if (current instanceof Map<?, ?> map && value instanceof Map<?, ?> changes) {
                mergeInto((Map<String, Object>) map, (Map<String, Object>) changes);
            } else if (current instanceof List<?> list
                    && value instanceof List<?> items
                    && named(list)
                    && named(items)) {
                mergeByName((List<Object>) list, items);
            } else {
                into.put(key, value);
            }
        });
    }

    private static void mergeByName(List<Object> into, List<?> items) {
        for (var item : items) {
            var name = asMap(item).get("name");
            var same =
                    into.stream().filter(i -> name.equals(asMap(i).get("name"))).findFirst();
            if (same.isPresent()) {
                mergeInto(asMap(same.get()), asMap(item));
            } else {
                into.add(item);
            }
        }
    }

    private static boolean named(List<?> list) {
        return list.stream().allMatch(item -> item instanceof Map<?, ?> map && map.get("name") != null);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> asList(Object value) {
        return value instanceof List<?> list ? (List<Object>) list : List.of();
    }
}
