package dev.newsroom.trending.activity;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything trending-service knows about one article: its metadata (from the article events),
 * hourly buckets of views, visible comments and favourites for the last 30 days, running totals
 * for "all", which comments and favourites are counted (so a deletion or an unfavourite takes its
 * weight back from the right hour), and the highest offset applied per input topic-partition.
 *
 * <p>Applying is exact under redelivery and replay by design, not by remembering event ids: every
 * event passes {@link #accept(String, long)} first, which refuses an offset at or below the one
 * already applied from the same partition (all events of an article share a partition, in order).
 * Comments and favourites are additionally keyed by comment id and user id, so applying one twice
 * could not count it twice either.
 *
 * <p>Not thread-safe: one ingest thread owns an instance at a time. {@link #changes()} says which
 * parts changed since the last {@link #saved()}, so the repository writes only those.
 */
public final class Activity {

    /** The three kinds of activity a ranking weighs. */
    public enum Kind {
        VIEW,
        COMMENT,
        FAVORITE
    }

    /** What the article events say about an article; {@code publishedAt} is its creation time. */
    public record Meta(
            String slug,
            String title,
            String description,
            List<String> tags,
            String authorId,
            Instant publishedAt,
            Instant updatedAt) {

        public Meta {
            tags = List.copyOf(tags);
        }
    }

    private final String articleId;
    private final long generation;
    private Meta meta;
    private boolean deleted;
    private Counts total;
    private final TreeMap<Long, Counts> buckets;
    private final Map<String, Long> comments;
    private final Map<String, Long> favorites;
    private final Map<String, Long> offsets;
    private final ActivityChanges changes = new ActivityChanges();

    public Activity(
            String articleId,
            long generation,
            Meta meta,
            boolean deleted,
            Counts total,
            Map<Long, Counts> buckets,
            Map<String, Long> comments,
            Map<String, Long> favorites,
            Map<String, Long> offsets) {
        this.articleId = articleId;
        this.generation = generation;
        this.meta = meta;
        this.deleted = deleted;
        this.total = total;
        this.buckets = new TreeMap<>(buckets);
        this.comments = new HashMap<>(comments);
        this.favorites = new HashMap<>(favorites);
        this.offsets = new HashMap<>(offsets);
    }

    /** A new article's state (or one that replaces a document left from before a rebuild). */
    public static Activity empty(String articleId, long generation) {
        Activity activity =
                new Activity(articleId, generation, null, false, Counts.ZERO, Map.of(), Map.of(), Map.of(), Map.of());
        activity.changes.replace = true;
        return activity;
    }

    /**
     * Whether the event at {@code offset} of input partition {@code source} is new to this article;
     * records it as applied when it is. Everything else applies an event only after this said yes.
     */
    public boolean accept(String source, long offset) {
        Long applied = offsets.get(source);
        if (applied != null && offset <= applied) {
            return false;
        }
        offsets.put(source, offset);
        changes.offsets.add(source);
        return true;
    }

    /** A view that de-duplication let through, in the hour it happened. */
    public void viewed(long hour, long cutoffHour) {
        if (deleted) {
            return;
        }
        add(Kind.VIEW, hour, 1, cutoffHour);
    }

    /** Published or updated: the metadata as it is now. A deleted article stays deleted. */
    public void described(Meta newMeta) {
        if (deleted) {
            return;
        }
        meta = newMeta;
        changes.meta = true;
    }

    /** Deleted or withdrawn (final): leaves every ranking; its counters are dropped for good. */
    public void deleted() {
        if (deleted) {
            return;
        }
        deleted = true;
        changes.meta = true;
        changes.buckets.addAll(buckets.keySet());
        buckets.clear();
        changes.comments.addAll(comments.keySet());
        comments.clear();
        changes.favorites.addAll(favorites.keySet());
        favorites.clear();
        total = Counts.ZERO;
        changes.total = true;
    }

    /**
     * A comment became visible (posted as published, or approved). {@code visibleBeforeHint} is what
     * the event says about before (only used for comments older than the buckets keep).
     */
    public void commentVisible(String commentId, long createdHour, boolean visibleBeforeHint, long cutoffHour) {
        if (deleted || comments.containsKey(commentId)) {
            return;
        }
        if (createdHour > cutoffHour) {
            comments.put(commentId, createdHour);
            changes.comments.add(commentId);
            add(Kind.COMMENT, createdHour, 1, cutoffHour);
        } else if (!visibleBeforeHint) {
            add(Kind.COMMENT, createdHour, 1, cutoffHour);
        }
    }

    /**
     * A comment stopped counting (deleted, rejected, held again). A recent comment takes its weight
     * back if it was counted; one older than the buckets only if the event says it was visible and
     * the running total holds such older comments.
     */
    public void commentHidden(String commentId, Long createdHour, boolean visibleBeforeHint, long cutoffHour) {
        if (deleted) {
            return;
        }
        Long countedHour = comments.remove(commentId);
        if (countedHour != null) {
            changes.comments.add(commentId);
            add(Kind.COMMENT, countedHour, -1, cutoffHour);
        } else if (visibleBeforeHint
                && createdHour != null
                && createdHour <= cutoffHour
                && total.comments() > comments.size()) {
            add(Kind.COMMENT, createdHour, -1, cutoffHour);
        }
    }

    public void favorited(String userId, long hour, long cutoffHour) {
        if (deleted || favorites.containsKey(userId)) {
            return;
        }
        if (hour > cutoffHour) {
            favorites.put(userId, hour);
            changes.favorites.add(userId);
        }
        add(Kind.FAVORITE, hour, 1, cutoffHour);
    }

    /**
     * Takes a favourite back from the hour it was given in; one given before the buckets kept it is
     * taken from the running total (article-service only emits an unfavourite after a favourite).
     */
    public void unfavorited(String userId, long cutoffHour) {
        if (deleted) {
            return;
        }
        Long hour = favorites.remove(userId);
        if (hour != null) {
            changes.favorites.add(userId);
            add(Kind.FAVORITE, hour, -1, cutoffHour);
        } else if (total.favorites() > favorites.size()) {
            add(Kind.FAVORITE, cutoffHour, -1, cutoffHour);
        }
    }

    /** Drops buckets and remembered comments and favourites that no window reads any more. */
    public void prune(long cutoffHour) {
        var expired = buckets.headMap(cutoffHour, true);
        if (!expired.isEmpty()) {
            changes.buckets.addAll(expired.keySet());
            expired.clear();
        }
        comments.entrySet().removeIf(entry -> expired(entry, cutoffHour, changes.comments));
        favorites.entrySet().removeIf(entry -> expired(entry, cutoffHour, changes.favorites));
    }

    private static boolean expired(Map.Entry<String, Long> entry, long cutoffHour, Set<String> changed) {
        if (entry.getValue() > cutoffHour) {
            return false;
        }
        changed.add(entry.getKey());
        return true;
    }

    private void add(Kind kind, long hour, long delta, long cutoffHour) {
        total = total.plus(kind, delta);
        changes.total = true;
        if (hour > cutoffHour) {
            Counts counts = buckets.getOrDefault(hour, Counts.ZERO).plus(kind, delta);
            if (counts.isZero()) {
                buckets.remove(hour);
            } else {
                buckets.put(hour, counts);
            }
            changes.buckets.add(hour);
        }
    }

    /** The store wrote the changes. */
    public void saved() {
        changes.clear();
    }

    public String articleId() {
        return articleId;
    }

    public long generation() {
        return generation;
    }

    public Meta meta() {
        return meta;
    }

    public boolean isDeleted() {
        return deleted;
    }

    public Counts total() {
        return total;
    }

    /** Hour bucket to counts, oldest first (read-only view). */
    public Map<Long, Counts> buckets() {
        return Collections.unmodifiableMap(buckets);
    }

    public Map<String, Long> comments() {
        return Collections.unmodifiableMap(comments);
    }

    public Map<String, Long> favorites() {
        return Collections.unmodifiableMap(favorites);
    }

    public Map<String, Long> offsets() {
        return Collections.unmodifiableMap(offsets);
    }

    public ActivityChanges changes() {
        return changes;
    }

    /**
     * How far this article's state has come: the sum of the offsets applied from each input
     * partition. It only grows within a generation, so of two copies of the same article's state
     * the one with the higher version is the newer.
     */
    public long version() {
        long version = 0;
        for (long offset : offsets.values()) {
            version += offset;
        }
        return version;
    }

    /** What the rankings need of this article right now. */
    public Standing standing() {
        return Standing.of(articleId, meta, deleted, total, buckets);
    }
}
