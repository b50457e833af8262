package dev.newsroom.contracts;

import dev.newsroom.contracts.BreakingChange.Kind;
import tools.jackson.databind.JsonNode;

/**
 * Finds what a {@code $ref} inside the same schema ({@code #/$defs/...}) points at, and reports as {@link
 * Kind#NOT_CHECKABLE} each reference it cannot follow.
 *
 * <p>Why: moving a part into {@code $defs} is a common, compatible refactoring, and a change inside a
 * definition must be found at every path that uses it, so local references are followed rather than
 * compared as text. A reference to another document, one that points at nothing, or one with constraints
 * beside it cannot be followed faithfully here, and is reported instead of being waved through.
 */
final class LocalReferences {

    private final BreakingChanges changes;

    LocalReferences(BreakingChanges changes) {
        this.changes = changes;
    }

    /** The {@code $ref} of {@code schema}, or null when it has none. */
    static String ref(JsonNode schema) {
        JsonNode ref = schema.get("$ref");
        return ref != null && ref.isString() ? ref.stringValue() : null;
    }

    /**
     * The target of the local {@code $ref} of {@code schema} in {@code root}, the {@code side} ("released" or
     * "current") schema, or null after reporting at {@code path} why it cannot be followed.
     */
    JsonNode resolve(String path, JsonNode schema, JsonNode root, String side) {
        String ref = ref(schema);
        for (String keyword : schema.propertyNames()) {
            if (!keyword.equals("$ref") && !UncheckableKeywords.isAnnotation(keyword)) {
                changes.add(
                        path,
                        Kind.NOT_CHECKABLE,
                        "the " + side + " schema has '" + keyword + "' beside $ref '" + ref
                                + "'; move it into the definition");
                return null;
            }
        }
        if (!ref.startsWith("#")) {
            changes.add(
                    path,
                    Kind.NOT_CHECKABLE,
                    "the " + side + " schema refers to another document ('" + ref
                            + "'); only references inside the schema (#/$defs/...) are followed");
            return null;
        }
        JsonNode target = root.at(ref.substring(1));
        if (target.isMissingNode()) {
            changes.add(path, Kind.NOT_CHECKABLE, "the " + side + " schema's $ref '" + ref + "' points at nothing");
            return null;
        }
        return target;
    }
}
