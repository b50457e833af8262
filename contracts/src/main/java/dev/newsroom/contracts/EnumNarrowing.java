package dev.newsroom.contracts;

import dev.newsroom.contracts.BreakingChange.Kind;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Judges {@code enum} and {@code const}: reports {@link Kind#ENUM_NARROWED} when the current part no longer
 * accepts a value the released one listed, or lists values where any value was accepted.
 *
 * <p>Why: events already written carry every released value (a {@code status} of {@code "held"}), and a
 * consumer replaying them must still find them valid. A {@code const} is an enum of one value, so changing
 * it loses the old one. Gaining a value is allowed (see the caveat on widening in {@code
 * contracts/README.md}).
 */
final class EnumNarrowing {

    private final BreakingChanges changes;

    EnumNarrowing(BreakingChanges changes) {
        this.changes = changes;
    }

    void compare(String path, JsonNode released, JsonNode current) {
        List<JsonNode> after = values(current);
        if (after == null) {
            return;
        }
        List<JsonNode> before = values(released);
        if (before == null) {
            changes.add(path, Kind.ENUM_NARROWED, "any value was accepted, now only " + after);
            return;
        }
        List<JsonNode> lost =
                before.stream().filter(value -> !after.contains(value)).toList();
        if (!lost.isEmpty()) {
            changes.add(
                    path, Kind.ENUM_NARROWED, "no longer accepts " + lost + " (was " + before + ", now " + after + ")");
        }
    }

    /** The values of {@code enum} or {@code const}, or null when the schema lists none. */
    static List<JsonNode> values(JsonNode schema) {
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
}
