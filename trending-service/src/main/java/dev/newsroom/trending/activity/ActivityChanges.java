package dev.newsroom.trending.activity;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The parts of one {@link Activity} changed since it was last saved, so that the repository writes
 * only those ({@code $set}s of the changed fields rather than the whole document): under load a
 * busy article changes a few hour buckets and its offsets between writes, not its hundreds of
 * counted comments and favourites. Only {@link Activity} records changes.
 */
public final class ActivityChanges {

    boolean replace;
    boolean meta;
    boolean total;
    final Set<Long> buckets = new LinkedHashSet<>();
    final Set<String> comments = new LinkedHashSet<>();
    final Set<String> favorites = new LinkedHashSet<>();
    final Set<String> offsets = new LinkedHashSet<>();

    /** The whole document must be written (new, or left over from before a rebuild). */
    public boolean replace() {
        return replace;
    }

    public boolean meta() {
        return meta;
    }

    public boolean total() {
        return total;
    }

    /** Hours whose bucket changed or was dropped (absent from {@link #buckets()} now). */
    public Set<Long> buckets() {
        return buckets;
    }

    public Set<String> comments() {
        return comments;
    }

    public Set<String> favorites() {
        return favorites;
    }

    public Set<String> offsets() {
        return offsets;
    }

    public boolean isEmpty() {
        return !replace
                && !meta
                && !total
                && buckets.isEmpty()
                && comments.isEmpty()
                && favorites.isEmpty()
                && offsets.isEmpty();
    }

    void clear() {
        replace = false;
        meta = false;
        total = false;
        buckets.clear();
        comments.clear();
        favorites.clear();
        offsets.clear();
    }
}
