package dev.newsroom.contracts;

import dev.newsroom.contracts.BreakingChange.Kind;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Judges {@code type}: reports {@link Kind#TYPE_NARROWED} when the current part no longer accepts a JSON
 * type the released one did.
 *
 * <p>Why: a consumer may hold events of every type the released schema allowed (a {@code null} from
 * {@code ["string", "null"]}, a fraction from {@code number}), and an event already in a topic does not
 * change when the schema does. Widening is allowed, and {@code integer} to {@code number} counts as
 * widening, since every integer is a number. A part without {@code type} takes the types of its {@code
 * enum} or {@code const} values, so narrowing an enum to another type is caught here too.
 */
final class TypeNarrowing {

    private final BreakingChanges changes;

    TypeNarrowing(BreakingChanges changes) {
        this.changes = changes;
    }

    void compare(String path, JsonNode released, JsonNode current) {
        Set<String> after = types(current);
        if (after == null) {
            return;
        }
        Set<String> before = types(released);
        if (before == null) {
            changes.add(path, Kind.TYPE_NARROWED, "was any type, now " + describe(after));
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
            changes.add(
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
            List<JsonNode> values = EnumNarrowing.values(schema);
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

    private static String describe(Set<String> types) {
        return types.size() == 1 ? types.iterator().next() : types.toString();
    }
}
