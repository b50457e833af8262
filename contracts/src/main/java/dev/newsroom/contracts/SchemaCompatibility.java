package dev.newsroom.contracts;

import dev.newsroom.contracts.BreakingChange.Kind;
import java.util.List;
import tools.jackson.databind.JsonNode;

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
 * <p>Paths are JSON paths into the event data ({@link DataPaths}): {@code $.source.name} for a nested
 * object, {@code $.labels[*].expiresAt} for a property of array items, {@code $.extra.*} for additional
 * properties.
 *
 * <p>This class is only the entry point. {@link SchemaWalk} walks both schemas side by side ({@code $ref}s
 * and recursion included); {@link UncheckableKeywords} decides what it cannot judge; one rule per kind of
 * constraint judges the rest: {@link TypeNarrowing}, {@link EnumNarrowing}, {@link StringConstraints},
 * {@link NumberConstraints}, {@link ObjectConstraints} and {@link ArrayConstraints}. To teach the check a
 * new keyword, add it to {@link UncheckableKeywords}'s understood ones and judge it in the rule it belongs
 * to.
 */
public final class SchemaCompatibility {

    private SchemaCompatibility() {}

    /**
     * The breaking changes from {@code released} to {@code current}, both the whole schema of {@code
     * eventType}, in the order of the schema; empty when {@code current} is a compatible evolution.
     */
    public static List<BreakingChange> compare(String eventType, JsonNode released, JsonNode current) {
        BreakingChanges changes = new BreakingChanges(eventType);
        new SchemaWalk(released, current, changes).compare(DataPaths.ROOT, released, current);
        return changes.list();
    }
}
