package dev.newsroom.contracts;

import dev.newsroom.contracts.BreakingChange.Kind;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Sorts the keywords of a schema into annotations (never a breaking change), keywords the rules judge, and
 * everything else, which it reports as {@link Kind#NOT_CHECKABLE}.
 *
 * <p>Why: the check must be conservative. A keyword no rule understands ({@code allOf}, {@code oneOf},
 * {@code if}, {@code patternProperties}, ...) could narrow what is accepted in ways the rules would not
 * see, so in a part of the schema that changed it fails the check rather than passing silently. The list
 * of understood keywords is the contract between this class and the rules: a keyword added here must be
 * judged by one of them.
 */
final class UncheckableKeywords {

    /** Keywords that do not constrain data; changing them is always compatible. */
    private static final Set<String> ANNOTATIONS = Set.of(
            "$schema",
            "$id",
            "$comment",
            "$defs",
            "definitions",
            "title",
            "description",
            "examples",
            "default",
            "deprecated",
            "readOnly",
            "writeOnly");

    /** Keywords whose changes the rules judge; any other keyword in a changed part is not checkable. */
    private static final Set<String> UNDERSTOOD = Set.of(
            "type",
            "enum",
            "const",
            "format",
            "pattern",
            "minLength",
            "maxLength",
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
            "minItems",
            "maxItems",
            "uniqueItems",
            "minProperties",
            "maxProperties",
            "properties",
            "required",
            "additionalProperties",
            "items",
            "$ref");

    private final BreakingChanges changes;

    UncheckableKeywords(BreakingChanges changes) {
        this.changes = changes;
    }

    /** Whether {@code keyword} only annotates, such as {@code description}, and never constrains data. */
    static boolean isAnnotation(String keyword) {
        return ANNOTATIONS.contains(keyword);
    }

    /**
     * Whether the rules understand every keyword of {@code schema}; each one they do not is reported at
     * {@code path}.
     */
    boolean allUnderstood(String path, JsonNode schema) {
        boolean understood = true;
        for (String keyword : schema.propertyNames()) {
            if (!UNDERSTOOD.contains(keyword) && !isAnnotation(keyword)) {
                changes.add(
                        path,
                        Kind.NOT_CHECKABLE,
                        "keyword '" + keyword + "' is not understood by the compatibility"
                                + " check; express the change with the keywords it knows, or extend SchemaCompatibility");
                understood = false;
            }
        }
        return understood;
    }
}
