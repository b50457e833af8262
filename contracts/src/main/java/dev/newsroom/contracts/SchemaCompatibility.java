package dev.newsroom.contracts;

import dev.newsroom.contracts.BreakingChange.Kind;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Compares a released JSON Schema of an event type with its current version and lists every change that
 * would break someone who relied on the released one.
 *
 * <p>Why: other systems consume Newsroom's topics as a public interface, and events outlive the code
 * that wrote them (topics keep them for their retention, {@code newsroom.trending.v1} is compacted and
 * keeps the latest record per key for good, and consumers replay). So a released schema may only change
 * in two ways at once: it must still <em>accept every event the released version accepted</em> (no
 * newly required property, no narrowed type, no lost enum value, no tighter {@code format}, {@code
 * pattern}, length, size or bound, no {@code additionalProperties: false} where it was open), and it
 * must still <em>describe every released property</em> (a removed property is a field consumers read
 * and will miss). Anything else (an optional property added, a type widened, a bound relaxed, an
 * annotation such as {@code description} edited) is allowed. An incompatible change is a new version of
 * the event type instead ({@code .v2} beside {@code .v1}).
 *
 * <p>The check is deliberately conservative: a keyword it does not understand ({@code allOf}, {@code
 * oneOf}, {@code if}, {@code patternProperties}, a remote {@code $ref}, ...) in a part of the schema that
 * changed is reported as {@link Kind#NOT_CHECKABLE} rather than waved through, and any change to a
 * {@code pattern} counts as tightening, because whether one regular expression accepts everything
 * another does cannot be decided here. Local {@code $ref}s ({@code #/$defs/...}) are followed, so a
 * change inside a definition is reported at every path that uses it.
 *
 * <p>Paths are JSON paths into the event data: {@code $.source.name} for a nested object, {@code
 * $.labels[*].expiresAt} for a property of array items, {@code $.extra.*} for additional properties.
 */
public final class SchemaCompatibility {

    /** Keywords that do not constrain data; changing them is always compatible. */
    private static final Set<String> ANNOTATIONS = Set.of(
            "$schema",
            "$id",
            "$comment",
            "$defs",
            "definitions",
            "title",
            "description",
            "examples",
            "default",
            "deprecated",
            "readOnly",
            "writeOnly");

    /** Keywords whose changes this class judges; any other keyword in a changed part is not checkable. */
    private static final Set<String> UNDERSTOOD = Set.of(
            "type",
            "enum",
            "const",
            "format",
            "pattern",
            "minLength",
            "maxLength",
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
            "minItems",
            "maxItems",
            "uniqueItems",
            "minProperties",
            "maxProperties",
            "properties",
            "required",
            "additionalProperties",
            "items",
            "$ref");

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private static final JsonNode ANYTHING = JsonNodeFactory.instance.objectNode();

    private final String eventType;
    private final JsonNode releasedRoot;
    private final JsonNode currentRoot;
    private final List<BreakingChange> changes = new ArrayList<>();
    /** The pairs of {@code $ref}s being compared on the current branch, so recursive definitions end. */
    private final Deque<String> refsInProgress = new ArrayDeque<>();

    private SchemaCompatibility(String eventType, JsonNode releasedRoot, JsonNode currentRoot) {
        this.eventType = eventType;
        this.releasedRoot = releasedRoot;
        this.currentRoot = currentRoot;
    }

    /**
     * The breaking changes from {@code released} to {@code current}, both the whole schema of {@code
     * eventType}, in the order of the schema; empty when {@code current} is a compatible evolution.
     */
    public static List<BreakingChange> compare(String eventType, JsonNode released, JsonNode current) {
        SchemaCompatibility comparison = new SchemaCompatibility(eventType, released, current);
        comparison.compareSchemas("$", released, current);
        return List.copyOf(comparison.changes);
    }

    private void compareSchemas(String path, JsonNode released, JsonNode current) {
        String releasedRef = ref(released);
        String currentRef = ref(current);
        if (releasedRef != null || currentRef != null) {
            compareReferences(path, released, releasedRef, current, currentRef);
            return;
        }
        if (isFalse(current)) {
            if (!isFalse(released)) {
                add(path, Kind.TYPE_NARROWED, "no value is accepted any more (schema false)");
            }
            return;
        }
        // Equal parts are compatible, unless they refer to definitions, which may differ between the two.
        if (isFalse(released) || (released.equals(current) && released.findValue("$ref") == null)) {
            return;
        }
        JsonNode before = released.isObject() ? released : ANYTHING;
        JsonNode after = current.isObject() ? current : ANYTHING;
        if (!understood(path, before) || !understood(path, after)) {
            return;
        }
        compareTypes(path, before, after);
        compareEnums(path, before, after);
        compareStrings(path, before, after);
        compareNumbers(path, before, after);
        compareObjects(path, before, after);
        compareArrays(path, before, after);
    }

    /** Follows local references on either side; the same pair met again on one branch is a recursion. */
    private void compareReferences(
            String path, JsonNode released, String releasedRef, JsonNode current, String currentRef) {
        String pair =
                (releasedRef != null ? releasedRef : "inline") + " -> " + (currentRef != null ? currentRef : "inline");
        if (releasedRef != null && currentRef != null && refsInProgress.contains(pair)) {
            return;
        }
        JsonNode before = releasedRef == null ? released : resolve(path, released, releasedRoot, "released");
        JsonNode after = currentRef == null ? current : resolve(path, current, currentRoot, "current");
        if (before == null || after == null) {
            return;
        }
        refsInProgress.push(pair);
        try {
            compareSchemas(path, before, after);
        } finally {
            refsInProgress.pop();
        }
    }

    /** The target of a local {@code $ref}, or null after reporting why it cannot be followed. */
    private JsonNode resolve(String path, JsonNode schema, JsonNode root, String side) {
        String ref = ref(schema);
        for (String keyword : schema.propertyNames()) {
            if (!keyword.equals("$ref") && !ANNOTATIONS.contains(keyword)) {
                add(
                        path,
                        Kind.NOT_CHECKABLE,
                        "the " + side + " schema has '" + keyword + "' beside $ref '" + ref
                                + "'; move it into the definition");
                return null;
            }
        }
        if (!ref.startsWith("#")) {
            add(
                    path,
                    Kind.NOT_CHECKABLE,
                    "the " + side + " schema refers to another document ('" + ref
                            + "'); only references inside the schema (#/$defs/...) are followed");
            return null;
        }
        JsonNode target = root.at(ref.substring(1));
        if (target.isMissingNode()) {
            add(path, Kind.NOT_CHECKABLE, "the " + side + " schema's $ref '" + ref + "' points at nothing");
            return null;
        }
        return target;
    }

    private boolean understood(String path, JsonNode schema) {
        boolean understood = true;
        for (String keyword : schema.propertyNames()) {
            if (!UNDERSTOOD.contains(keyword) && !ANNOTATIONS.contains(keyword)) {
                add(
                        path,
                        Kind.NOT_CHECKABLE,
                        "keyword '" + keyword + "' is not understood by the compatibility"
                                + " check; express the change with the keywords it knows, or extend SchemaCompatibility");
                understood = false;
            }
        }
        return understood;
    }

    // ---- type, enum and const

    private void compareTypes(String path, JsonNode released, JsonNode current) {
        Set<String> after = types(current);
        if (after == null) {
            return;
        }
        Set<String> before = types(released);
        if (before == null) {
            add(path, Kind.TYPE_NARROWED, "was any type, now " + describe(after));
            return;
        }
        Set<String> lost = new TreeSet<>();
        for (String type : before) {
            boolean kept = after.contains(type) || (type.equals("integer") && after.contains("number"));
            if (!kept) {
                lost.add(type);
            }
        }
        if (!lost.isEmpty()) {
            add(
                    path,
                    Kind.TYPE_NARROWED,
                    "no longer accepts " + String.join(", ", lost) + " (was " + describe(before) + ", now "
                            + describe(after) + ")");
        }
    }

    /** The JSON types a schema allows: its {@code type}, else those of its enum values, else null (any). */
    private static Set<String> types(JsonNode schema) {
        JsonNode type = schema.get("type");
        Set<String> types = new TreeSet<>();
        if (type != null && type.isString()) {
            types.add(type.stringValue());
        } else if (type != null && type.isArray()) {
            type.forEach(each -> types.add(each.asString()));
        } else {
            List<JsonNode> values = enumValues(schema);
            if (values == null) {
                return null;
            }
            values.forEach(value -> types.add(jsonType(value)));
        }
        return types;
    }

    private static String jsonType(JsonNode value) {
        if (value.isNull()) {
            return "null";
        }
        if (value.isBoolean()) {
            return "boolean";
        }
        if (value.isIntegralNumber()) {
            return "integer";
        }
        if (value.isNumber()) {
            return "number";
        }
        if (value.isString()) {
            return "string";
        }
        return value.isArray() ? "array" : "object";
    }

    private void compareEnums(String path, JsonNode released, JsonNode current) {
        List<JsonNode> after = enumValues(current);
        if (after == null) {
            return;
        }
        List<JsonNode> before = enumValues(released);
        if (before == null) {
            add(path, Kind.ENUM_NARROWED, "any value was accepted, now only " + after);
            return;
        }
        List<JsonNode> lost =
                before.stream().filter(value -> !after.contains(value)).toList();
        if (!lost.isEmpty()) {
            add(path, Kind.ENUM_NARROWED, "no longer accepts " + lost + " (was " + before + ", now " + after + ")");
        }
    }

    /** The values of {@code enum} or {@code const}, or null when the schema lists none. */
    private static List<JsonNode> enumValues(JsonNode schema) {
        if (schema.has("const")) {
            return List.of(schema.get("const"));
        }
        JsonNode values = schema.get("enum");
        if (values == null || !values.isArray()) {
            return null;
        }
        List<JsonNode> list = new ArrayList<>();
        values.forEach(list::add);
        return list;
    }

    // ---- strings: format, pattern, length

    private void compareStrings(String path, JsonNode released, JsonNode current) {
        for (String keyword : List.of("format", "pattern")) {
            JsonNode after = current.get(keyword);
            JsonNode before = released.get(keyword);
            if (after != null && !after.equals(before)) {
                add(
                        path,
                        Kind.CONSTRAINT_TIGHTENED,
                        before == null
                                ? keyword + " " + after + " added"
                                : keyword + " changed from " + before + " to " + after);
            }
        }
        compareLowerBound(path, "minLength", size(released, "minLength"), size(current, "minLength"));
        compareUpperBound(path, "maxLength", size(released, "maxLength"), size(current, "maxLength"));
    }

    // ---- numbers: minimum, maximum, their exclusive forms, multipleOf

    private void compareNumbers(String path, JsonNode released, JsonNode current) {
        compareLowerBound(path, "minimum", lower(released), lower(current));
        compareUpperBound(path, "maximum", upper(released), upper(current));
        JsonNode after = current.get("multipleOf");
        if (after != null && after.isNumber()) {
            JsonNode before = released.get("multipleOf");
            boolean stillDivides = before != null
                    && before.isNumber()
                    && before.decimalValue().remainder(after.decimalValue()).signum() == 0;
            if (!stillDivides) {
                add(
                        path,
                        Kind.CONSTRAINT_TIGHTENED,
                        "multipleOf " + after + (before == null ? " added" : " was " + before));
            }
        }
    }

    /** An inclusive or exclusive bound on a number, length or size. */
    private record Bound(BigDecimal value, boolean exclusive) {

        @Override
        public String toString() {
            return (exclusive ? "exclusive " : "") + value.stripTrailingZeros().toPlainString();
        }
    }

    private static Bound lower(JsonNode schema) {
        return stricter(bound(schema, "minimum", false), bound(schema, "exclusiveMinimum", true), 1);
    }

    private static Bound upper(JsonNode schema) {
        return stricter(bound(schema, "maximum", false), bound(schema, "exclusiveMaximum", true), -1);
    }

    /** Of two lower ({@code sign} 1) or upper ({@code sign} -1) bounds, the one that admits less. */
    private static Bound stricter(Bound a, Bound b, int sign) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        int order = a.value().compareTo(b.value()) * sign;
        if (order != 0) {
            return order > 0 ? a : b;
        }
        return b.exclusive() ? b : a;
    }

    private static Bound bound(JsonNode schema, String keyword, boolean exclusive) {
        JsonNode value = schema.get(keyword);
        return value != null && value.isNumber() ? new Bound(value.decimalValue(), exclusive) : null;
    }

    /** A size keyword such as {@code minLength}; a missing minimum size is 0, the same as none. */
    private static Bound size(JsonNode schema, String keyword) {
        Bound bound = bound(schema, keyword, false);
        return bound == null && keyword.startsWith("min") ? new Bound(BigDecimal.ZERO, false) : bound;
    }

    private void compareLowerBound(String path, String keyword, Bound before, Bound after) {
        if (after == null) {
            return;
        }
        int order = before == null ? 1 : after.value().compareTo(before.value());
        if (order > 0 || (order == 0 && after.exclusive() && !before.exclusive())) {
            add(
                    path,
                    Kind.CONSTRAINT_TIGHTENED,
                    before == null
                            ? keyword + " " + after + " added"
                            : keyword + " raised from " + before + " to " + after);
        }
    }

    private void compareUpperBound(String path, String keyword, Bound before, Bound after) {
        if (after == null) {
            return;
        }
        int order = before == null ? -1 : after.value().compareTo(before.value());
        if (order < 0 || (order == 0 && after.exclusive() && !before.exclusive())) {
            add(
                    path,
                    Kind.CONSTRAINT_TIGHTENED,
                    keyword + (before == null ? " " + after + " added" : " lowered from " + before + " to " + after));
        }
    }

    // ---- objects: properties, required, additionalProperties, sizes

    private void compareObjects(String path, JsonNode released, JsonNode current) {
        JsonNode before = released.path("properties");
        JsonNode after = current.path("properties");
        JsonNode releasedAdditional = released.get("additionalProperties");
        for (String name : before.propertyNames()) {
            if (after.has(name)) {
                compareSchemas(property(path, name), before.get(name), after.get(name));
            } else {
                add(
                        property(path, name),
                        Kind.PROPERTY_REMOVED,
                        "in the released schema, missing from the current one");
            }
        }
        // A new property where the released schema constrained additional properties must accept what they did.
        if (releasedAdditional != null && releasedAdditional.isObject()) {
            for (String name : after.propertyNames()) {
                if (!before.has(name)) {
                    compareSchemas(property(path, name), releasedAdditional, after.get(name));
                }
            }
        }
        Set<String> releasedRequired = names(released.path("required"));
        for (String name : names(current.path("required"))) {
            if (!releasedRequired.contains(name)) {
                add(
                        property(path, name),
                        Kind.NEWLY_REQUIRED,
                        before.has(name)
                                ? "optional in the released schema, required now"
                                : "a new property, and required: events written before it lack it");
            }
        }
        compareAdditionalProperties(path, releasedAdditional, current.get("additionalProperties"));
        compareLowerBound(path, "minProperties", size(released, "minProperties"), size(current, "minProperties"));
        compareUpperBound(path, "maxProperties", size(released, "maxProperties"), size(current, "maxProperties"));
    }

    private void compareAdditionalProperties(String path, JsonNode released, JsonNode current) {
        if (current == null || isFalse(released)) {
            return;
        }
        if (isFalse(current)) {
            add(
                    path,
                    Kind.ADDITIONAL_PROPERTIES_CLOSED,
                    "additionalProperties is false now, open in the released" + " schema");
        } else if (current.isObject()) {
            compareSchemas(path + ".*", released == null ? ANYTHING : released, current);
        }
    }

    // ---- arrays: items, sizes, uniqueness

    private void compareArrays(String path, JsonNode released, JsonNode current) {
        JsonNode before = released.get("items");
        JsonNode after = current.get("items");
        if (after != null) {
            compareSchemas(path + "[*]", before == null ? ANYTHING : before, after);
        }
        compareLowerBound(path, "minItems", size(released, "minItems"), size(current, "minItems"));
        compareUpperBound(path, "maxItems", size(released, "maxItems"), size(current, "maxItems"));
        if (current.path("uniqueItems").asBoolean(false)
                && !released.path("uniqueItems").asBoolean(false)) {
            add(path, Kind.CONSTRAINT_TIGHTENED, "uniqueItems added");
        }
    }

    // ---- helpers

    private void add(String path, Kind kind, String detail) {
        changes.add(new BreakingChange(eventType, path, kind, detail));
    }

    private static String ref(JsonNode schema) {
        JsonNode ref = schema.get("$ref");
        return ref != null && ref.isString() ? ref.stringValue() : null;
    }

    private static boolean isFalse(JsonNode schema) {
        return schema != null && schema.isBoolean() && !schema.booleanValue();
    }

    private static Set<String> names(JsonNode array) {
        Set<String> names = new LinkedHashSet<>();
        array.forEach(name -> names.add(name.asString()));
        return names;
    }

    private static String describe(Set<String> types) {
        return types.size() == 1 ? types.iterator().next() : types.toString();
    }

    /** {@code $.source.name}; a name that is not a plain identifier is quoted: {@code $['ce-id']}. */
    static String property(String path, String name) {
        return PLAIN_NAME.matcher(name).matches()
                ? path + "." + name
                : path + "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }
}
