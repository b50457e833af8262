package dev.newsroom.comment.comment;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Thread order, cursors and placeholders, as plain code so the rules are unit-tested without
 * Spring.
 *
 * <p>Every comment stores its {@code path}: its parent's path, a dot, and a fixed-width segment of
 * its own creation time and id ({@code 13 + 19} digits). Sorting an article's comments by path
 * therefore lists each reply right after its parent (and that parent's earlier replies), siblings
 * oldest first, with one index and no recursion: the list is the thread walked depth first. A cursor
 * is the path of the last comment a page showed, so the next page is simply "paths after this one".
 */
public final class Threads {

    static final String SEPARATOR = ".";
    /** Longer than the cursor of any path of up to 64 levels; anything longer is not decoded at all. */
    private static final int MAX_CURSOR_LENGTH = 3000;

    private static final Pattern PATH = Pattern.compile("[0-9]{32}(\\.[0-9]{32}){0,63}");

    private Threads() {}

    /** The path of a comment posted at {@code createdAt} with {@code id}, under {@code parentPath} (null: top level). */
    static String path(String parentPath, Instant createdAt, long id) {
        String segment = String.format("%013d%019d", createdAt.toEpochMilli(), id);
        return parentPath == null ? segment : parentPath + SEPARATOR + segment;
    }

    /** Whether {@code path} lies in the subtree below {@code ancestorPath}. */
    static boolean isBelow(String path, String ancestorPath) {
        return path.length() > ancestorPath.length() + SEPARATOR.length()
                && path.startsWith(ancestorPath)
                && path.startsWith(SEPARATOR, ancestorPath.length());
    }

    /** An opaque cursor for the position just after the comment with {@code path}. */
    public static String cursor(String path) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(path.getBytes(StandardCharsets.US_ASCII));
    }

    /** The path a cursor stands for, or empty if it is not one this service made. */
    public static Optional<String> pathOf(String cursor) {
        if (cursor == null || cursor.isEmpty() || cursor.length() > MAX_CURSOR_LENGTH) {
            return Optional.empty();
        }
        try {
            String path = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            return PATH.matcher(path).matches() ? Optional.of(path) : Optional.empty();
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    /**
     * Decides, for an article's comments read in path order, which are shown: every live comment,
     * and a deleted one only while something live hangs below it, as a placeholder that keeps the
     * thread's shape. Because a subtree is contiguous in path order, a deleted comment is held back
     * until the next comment shows whether its subtree has anything live; nothing is read twice and
     * the comments can be streamed. One instance per listing: it keeps state.
     */
    static final class Placeholders {

        private final List<Comment> heldBack = new ArrayList<>();

        /** The comments to show now that {@code next} was read, in order (possibly none). */
        List<Comment> next(Comment next) {
            // Held-back comments that are not ancestors of this one have an empty subtree: gone.
            heldBack.removeIf(deleted -> !isBelow(next.path(), deleted.path()));
            if (next.deleted()) {
                heldBack.add(next);
                return List.of();
            }
            List<Comment> shown = new ArrayList<>(heldBack);
            shown.add(next);
            heldBack.clear();
            return shown;
        }
    }
}
