package dev.newsroom.contracts;

import tools.jackson.databind.JsonNode;

/**
 * Compares a released subschema with its current counterpart, at a path of the event data.
 *
 * <p>Why: the rules for objects and arrays meet subschemas (properties, additional properties, items) that
 * must be compared exactly like a whole schema, following {@code $ref}s under the same recursion guard. They
 * hand them back to the {@link SchemaWalk} through this, rather than walking on their own.
 */
@FunctionalInterface
interface SubschemaComparison {

    void compare(String path, JsonNode released, JsonNode current);
}
