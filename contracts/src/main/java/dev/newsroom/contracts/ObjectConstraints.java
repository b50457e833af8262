package dev.newsroom.contracts;

import dev.newsroom.contracts.BreakingChange.Kind;
import java.util.LinkedHashSet;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Judges the constraints on objects, {@code properties}, {@code required}, {@code additionalProperties},
 * {@code minProperties} and {@code maxProperties}: reports a released property that is gone ({@link
 * Kind#PROPERTY_REMOVED}), one that is required now ({@link Kind#NEWLY_REQUIRED}), additional properties
 * closed ({@link Kind#ADDITIONAL_PROPERTIES_CLOSED}) and tighter sizes; hands each property's own schema
 * back to the walk.
 *
 * <p>Why: a removed property is a field consumers read and will miss, and a newly required one is
 * missing from every event written before it. A new property where the released schema constrained
 * additional properties must still accept what they did, since released events may carry it already.
 */
final class ObjectConstraints {

    private final BreakingChanges changes;
    private final BoundTightening bounds;
    private final SubschemaComparison subschemas;

    ObjectConstraints(BreakingChanges changes, BoundTightening bounds, SubschemaComparison subschemas) {
        this.changes = changes;
        this.bounds = bounds;
        this.subschemas = subschemas;
    }

    void compare(String path, JsonNode released, JsonNode current) {
        JsonNode before = released.path("properties");
        JsonNode after = current.path("properties");
        JsonNode releasedAdditional = released.get("additionalProperties");
        for (String name : before.propertyNames()) {
            if (after.has(name)) {
                subschemas.compare(DataPaths.property(path, name), before.get(name), after.get(name));
            } else {
                changes.add(
                        DataPaths.property(path, name),
                        Kind.PROPERTY_REMOVED,
                        "in the released schema, missing from the current one");
            }
        }
        // A new property where the released schema constrained additional properties must accept what they did.
        if (releasedAdditional != null && releasedAdditional.isObject()) {
            for (String name : after.propertyNames()) {
                if (!before.has(name)) {
                    subschemas.compare(DataPaths.property(path, name), releasedAdditional, after.get(name));
                }
            }
        }
        Set<String> releasedRequired = names(released.path("required"));
        for (String name : names(current.path("required"))) {
            if (!releasedRequired.contains(name)) {
                changes.add(
                        DataPaths.property(path, name),
                        Kind.NEWLY_REQUIRED,
                        before.has(name)
                                ? "optional in the released schema, required now"
                                : "a new property, and required: events written before it lack it");
            }
        }
        compareAdditionalProperties(path, releasedAdditional, current.get("additionalProperties"));
        bounds.compareSizes(path, "minProperties", "maxProperties", released, current);
    }

    private void compareAdditionalProperties(String path, JsonNode released, JsonNode current) {
        if (current == null || SchemaWalk.isFalse(released)) {
            return;
        }
        if (SchemaWalk.isFalse(current)) {
            changes.add(
                    path,
                    Kind.ADDITIONAL_PROPERTIES_CLOSED,
                    "additionalProperties is false now, open in the released schema");
        } else if (current.isObject()) {
            subschemas.compare(
                    DataPaths.additionalProperties(path), released == null ? SchemaWalk.ANYTHING : released, current);
        }
    }

    private static Set<String> names(JsonNode array) {
        Set<String> names = new LinkedHashSet<>();
        array.forEach(name -> names.add(name.asString()));
        return names;
    }
}
