package dev.newsroom.contracts;

import dev.newsroom.contracts.BreakingChange.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * The breaking changes one {@link SchemaCompatibility#compare} has found so far, all for one event type, in
 * the order they were found.
 *
 * <p>Why: the walk and every keyword rule report into this one list, so the result follows the order of
 * the schema however the work is divided, and no rule has to carry the event type around.
 */
final class BreakingChanges {

    private final String eventType;
    private final List<BreakingChange> changes = new ArrayList<>();

    BreakingChanges(String eventType) {
        this.eventType = eventType;
    }

    /** Records that the part of the event data at {@code path} breaks rule {@code kind}, as {@code detail}. */
    void add(String path, Kind kind, String detail) {
        changes.add(new BreakingChange(eventType, path, kind, detail));
    }

    /** Everything found, as an unmodifiable copy. */
    List<BreakingChange> list() {
        return List.copyOf(changes);
    }
}
