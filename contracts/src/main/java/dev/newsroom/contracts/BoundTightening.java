package dev.newsroom.contracts;

import dev.newsroom.contracts.BreakingChange.Kind;
import tools.jackson.databind.JsonNode;

/**
 * Reports {@link Kind#CONSTRAINT_TIGHTENED} when a lower {@link Bound} was raised or made exclusive, or an
 * upper one lowered, made exclusive or added.
 *
 * <p>Why: every bound keyword, for numbers ({@code minimum}), strings ({@code minLength}), arrays ({@code
 * minItems}) and objects ({@code minProperties}), follows the same rule: a released event at the old
 * bound must still be accepted. Judging them in one place keeps their details alike ({@code maxLength
 * lowered from 100 to 50}).
 */
final class BoundTightening {

    private final BreakingChanges changes;

    BoundTightening(BreakingChanges changes) {
        this.changes = changes;
    }

    /** Judges the size keywords {@code min} and {@code max}, such as {@code minLength} and {@code maxLength}. */
    void compareSizes(String path, String min, String max, JsonNode released, JsonNode current) {
        compareLower(path, min, Bound.size(released, min), Bound.size(current, min));
        compareUpper(path, max, Bound.size(released, max), Bound.size(current, max));
    }

    /** Reports when the lower bound {@code keyword} admits less {@code after} than {@code before}. */
    void compareLower(String path, String keyword, Bound before, Bound after) {
        if (after == null) {
            return;
        }
        int order = before == null ? 1 : after.value().compareTo(before.value());
        if (order > 0 || (order == 0 && after.exclusive() && !before.exclusive())) {
            changes.add(
                    path,
                    Kind.CONSTRAINT_TIGHTENED,
                    before == null
                            ? keyword + " " + after + " added"
                            : keyword + " raised from " + before + " to " + after);
        }
    }

    /** Reports when the upper bound {@code keyword} admits less {@code after} than {@code before}. */
    void compareUpper(String path, String keyword, Bound before, Bound after) {
        if (after == null) {
            return;
        }
        int order = before == null ? -1 : after.value().compareTo(before.value());
        if (order < 0 || (order == 0 && after.exclusive() && !before.exclusive())) {
            changes.add(
                    path,
                    Kind.CONSTRAINT_TIGHTENED,
                    keyword + (before == null ? " " + after + " added" : " lowered from " + before + " to " + after));
        }
    }
}
