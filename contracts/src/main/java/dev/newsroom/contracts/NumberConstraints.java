package dev.newsroom.contracts;

import dev.newsroom.contracts.BreakingChange.Kind;
import tools.jackson.databind.JsonNode;

/**
 * Judges the constraints on numbers, {@code minimum}, {@code maximum}, their exclusive forms and {@code
 * multipleOf}: reports {@link Kind#CONSTRAINT_TIGHTENED} when one was added or tightened.
 *
 * <p>Why: a released event may hold any number the released bounds allowed. A {@code multipleOf} is only
 * still satisfied when the released one was a multiple of the current one (every multiple of 10 is a
 * multiple of 5, not the other way round).
 */
final class NumberConstraints {

    private final BreakingChanges changes;
    private final BoundTightening bounds;

    NumberConstraints(BreakingChanges changes, BoundTightening bounds) {
        this.changes = changes;
        this.bounds = bounds;
    }

    void compare(String path, JsonNode released, JsonNode current) {
        bounds.compareLower(path, "minimum", Bound.lower(released), Bound.lower(current));
        bounds.compareUpper(path, "maximum", Bound.upper(released), Bound.upper(current));
        JsonNode after = current.get("multipleOf");
        if (after != null && after.isNumber()) {
            JsonNode before = released.get("multipleOf");
            boolean stillDivides = before != null
                    && before.isNumber()
                    && before.decimalValue().remainder(after.decimalValue()).signum() == 0;
            if (!stillDivides) {
                changes.add(
                        path,
                        Kind.CONSTRAINT_TIGHTENED,
                        "multipleOf " + after + (before == null ? " added" : " was " + before));
            }
        }
    }
}
