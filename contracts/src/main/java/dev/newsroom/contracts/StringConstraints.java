package dev.newsroom.contracts;

import dev.newsroom.contracts.BreakingChange.Kind;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Judges the constraints on strings, {@code format}, {@code pattern}, {@code minLength} and {@code
 * maxLength}: reports {@link Kind#CONSTRAINT_TIGHTENED} when one was added or tightened.
 *
 * <p>Why: formats are checked, so a {@code format} added or changed can reject a released value. Any
 * change to a {@code pattern} counts as tightening, because whether one regular expression accepts
 * everything another did cannot be decided here; a pattern is relaxed by removing it.
 */
final class StringConstraints {

    private final BreakingChanges changes;
    private final BoundTightening bounds;

    StringConstraints(BreakingChanges changes, BoundTightening bounds) {
        this.changes = changes;
        this.bounds = bounds;
    }

    void compare(String path, JsonNode released, JsonNode current) {
        for (String keyword : List.of("format", "pattern")) {
            JsonNode after = current.get(keyword);
            JsonNode before = released.get(keyword);
            if (after != null && !after.equals(before)) {
                changes.add(
                        path,
                        Kind.CONSTRAINT_TIGHTENED,
                        before == null
                                ? keyword + " " + after + " added"
                                : keyword + " changed from " + before + " to " + after);
            }
        }
        bounds.compareSizes(path, "minLength", "maxLength", released, current);
    }
}
