package dev.newsroom.platform.projection;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What one event writes into a service's record of an aggregate: the service's own fields, mapped
 * from the event data. A field may be set to null (the event did not say) or forgotten (removed
 * from the stored document, as a tombstone drops what it must no longer keep). Immutable: every
 * call returns a new value.
 */
public final class ProjectedFields {

    private static final Set<String> RESERVED =
            Set.of(Projected.ID, "id", Projected.DELETED, Projected.CHANGED_AT, Projected.LAST_EVENT_ID);
    private static final ProjectedFields NONE = new ProjectedFields(Map.of(), Set.of());

    private final Map<String, Object> values;
    private final Set<String> forgotten;

    private ProjectedFields(Map<String, Object> values, Set<String> forgotten) {
        this.values = values;
        this.forgotten = forgotten;
    }

    /** No field: an event that only changes the projection's own bookkeeping. */
    public static ProjectedFields none() {
        return NONE;
    }

    /** These fields and the ones before, with {@code name} set to {@code value} (which may be null). */
    public ProjectedFields set(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(values);
        more.put(own(name), value);
        Set<String> fewer = new LinkedHashSet<>(forgotten);
        fewer.remove(name);
        return new ProjectedFields(Collections.unmodifiableMap(more), Collections.unmodifiableSet(fewer));
    }

    /** These fields and the ones before, with {@code name} removed from the stored document. */
    public ProjectedFields forget(String name) {
        Map<String, Object> fewer = new LinkedHashMap<>(values);
        fewer.remove(own(name));
        Set<String> more = new LinkedHashSet<>(forgotten);
        more.add(name);
        return new ProjectedFields(Collections.unmodifiableMap(fewer), Collections.unmodifiableSet(more));
    }

    /** The fields to set, in the order they were given. */
    Map<String, Object> values() {
        return values;
    }

    /** The fields to remove. */
    Set<String> forgotten() {
        return forgotten;
    }

    private static String own(String name) {
        if (name == null || name.isBlank() || RESERVED.contains(name)) {
            throw new IllegalArgumentException(
                    "'" + name + "' is not a service's own field: the projection writes " + RESERVED + " itself");
        }
        return name;
    }
}
