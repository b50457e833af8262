package dev.newsroom.contracts;

import dev.newsroom.contracts.BreakingChange.Kind;
import tools.jackson.databind.JsonNode;

/**
 * Judges the constraints on arrays, {@code items}, {@code minItems}, {@code maxItems} and {@code
 * uniqueItems}: hands the item schemas back to the walk and reports {@link Kind#CONSTRAINT_TIGHTENED} when
 * a size was tightened or uniqueness added.
 *
 * <p>Why: a released event may hold any array the released schema allowed: items of any kind where there
 * was no {@code items}, any number of them within the released sizes, and duplicates unless they were
 * already forbidden.
 */
final class ArrayConstraints {

    private final BreakingChanges changes;
    private final BoundTightening bounds;
    private final SubschemaComparison subschemas;

    ArrayConstraints(BreakingChanges changes, BoundTightening bounds, SubschemaComparison subschemas) {
        this.changes = changes;
        this.bounds = bounds;
        this.subschemas = subschemas;
    }

    void compare(String path, JsonNode released, JsonNode current) {
        JsonNode before = released.get("items");
        JsonNode after = current.get("items");
        if (after != null) {
            subschemas.compare(DataPaths.items(path), before == null ? SchemaWalk.ANYTHING : before, after);
        }
        bounds.compareSizes(path, "minItems", "maxItems", released, current);
        if (current.path("uniqueItems").asBoolean(false)
                && !released.path("uniqueItems").asBoolean(false)) {
            changes.add(path, Kind.CONSTRAINT_TIGHTENED, "uniqueItems added");
        }
    }
}
