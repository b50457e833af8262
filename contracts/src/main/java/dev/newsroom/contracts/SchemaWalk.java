package dev.newsroom.contracts;

import dev.newsroom.contracts.BreakingChange.Kind;
import java.util.ArrayDeque;
import java.util.Deque;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Walks a released and a current schema side by side: follows local {@code $ref}s on either side, stops
 * where a recursive definition comes round again, passes over parts that are equal, and has each keyword
 * rule judge the parts that differ.
 *
 * <p>Why: a change can hide anywhere (in a nested object, in array items, behind a {@code $ref} into
 * {@code $defs}), and the same definition can be used at several paths, or by itself. The walk is the one
 * place that knows how to get from one part of a schema to the next, so each rule only has to compare two
 * parts it is given, and a recursive schema still ends.
 */
final class SchemaWalk {

    /** The empty schema, which accepts anything: stands in for a part that is missing or {@code true}. */
    static final JsonNode ANYTHING = JsonNodeFactory.instance.objectNode();

    private final JsonNode releasedRoot;
    private final JsonNode currentRoot;
    private final BreakingChanges changes;
    private final LocalReferences references;
    private final UncheckableKeywords keywords;
    private final TypeNarrowing types;
    private final EnumNarrowing enums;
    private final StringConstraints strings;
    private final NumberConstraints numbers;
    private final ObjectConstraints objects;
    private final ArrayConstraints arrays;
    /** The pairs of {@code $ref}s being compared on the current branch, so recursive definitions end. */
    private final Deque<String> refsInProgress = new ArrayDeque<>();

    /** A walk over the schemas {@code releasedRoot} and {@code currentRoot}, reporting into {@code changes}. */
    SchemaWalk(JsonNode releasedRoot, JsonNode currentRoot, BreakingChanges changes) {
        this.releasedRoot = releasedRoot;
        this.currentRoot = currentRoot;
        this.changes = changes;
        BoundTightening bounds = new BoundTightening(changes);
        this.references = new LocalReferences(changes);
        this.keywords = new UncheckableKeywords(changes);
        this.types = new TypeNarrowing(changes);
        this.enums = new EnumNarrowing(changes);
        this.strings = new StringConstraints(changes, bounds);
        this.numbers = new NumberConstraints(changes, bounds);
        this.objects = new ObjectConstraints(changes, bounds, this::compare);
        this.arrays = new ArrayConstraints(changes, bounds, this::compare);
    }

    /** Compares the part {@code released} of the released schema with {@code current}, found at {@code path}. */
    void compare(String path, JsonNode released, JsonNode current) {
        String releasedRef = LocalReferences.ref(released);
        String currentRef = LocalReferences.ref(current);
        if (releasedRef != null || currentRef != null) {
            compareReferences(path, released, releasedRef, current, currentRef);
            return;
        }
        if (isFalse(current)) {
            if (!isFalse(released)) {
                changes.add(path, Kind.TYPE_NARROWED, "no value is accepted any more (schema false)");
            }
            return;
        }
        // Equal parts are compatible, unless they refer to definitions, which may differ between the two.
        if (isFalse(released) || (released.equals(current) && released.findValue("$ref") == null)) {
            return;
        }
        JsonNode before = released.isObject() ? released : ANYTHING;
        JsonNode after = current.isObject() ? current : ANYTHING;
        if (!keywords.allUnderstood(path, before) || !keywords.allUnderstood(path, after)) {
            return;
        }
        types.compare(path, before, after);
        enums.compare(path, before, after);
        strings.compare(path, before, after);
        numbers.compare(path, before, after);
        objects.compare(path, before, after);
        arrays.compare(path, before, after);
    }

    /** Follows local references on either side; the same pair met again on one branch is a recursion. */
    private void compareReferences(
            String path, JsonNode released, String releasedRef, JsonNode current, String currentRef) {
        String pair =
                (releasedRef != null ? releasedRef : "inline") + " -> " + (currentRef != null ? currentRef : "inline");
        if (releasedRef != null && currentRef != null && refsInProgress.contains(pair)) {
            return;
        }
        JsonNode before = releasedRef == null ? released : references.resolve(path, released, releasedRoot, "released");
        JsonNode after = currentRef == null ? current : references.resolve(path, current, currentRoot, "current");
        if (before == null || after == null) {
            return;
        }
        refsInProgress.push(pair);
        try {
            compare(path, before, after);
        } finally {
            refsInProgress.pop();
        }
    }

    /** Whether {@code schema} is the schema {@code false}, which accepts nothing. */
    static boolean isFalse(JsonNode schema) {
        return schema != null && schema.isBoolean() && !schema.booleanValue();
    }
}
