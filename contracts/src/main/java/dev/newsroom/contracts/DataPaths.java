package dev.newsroom.contracts;

import java.util.regex.Pattern;

/**
 * Spells the JSON paths into the event data that {@link BreakingChange#path()} reports: {@code $}, {@code
 * $.source.name}, {@code $['ce-id']}, {@code $.labels[*]}, {@code $.extra.*}.
 *
 * <p>Why: a breaking change is read by a person fixing a build, who needs the field, not the position in
 * the schema ({@code /properties/labels/items/properties/expiresAt}); keeping the spelling in one place
 * keeps every rule's paths alike.
 */
final class DataPaths {

    /** The whole event. */
    static final String ROOT = "$";

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private DataPaths() {}

    /** {@code $.source.name}; a name that is not a plain identifier is quoted: {@code $['ce-id']}. */
    static String property(String path, String name) {
        return PLAIN_NAME.matcher(name).matches()
                ? path + "." + name
                : path + "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    /** Every item of the array at {@code path}: {@code $.labels[*]}. */
    static String items(String path) {
        return path + "[*]";
    }

    /** Every additional property of the object at {@code path}: {@code $.extra.*}. */
    static String additionalProperties(String path) {
        return path + ".*";
    }
}
