package dev.newsroom.trending.activity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The current state of the articles one ingest thread applies events to, kept in memory between
 * batches (an article is loaded from the {@link ActivityRepository} the first time a batch touches
 * it, in one query for all such articles of the batch) so that applying a batch costs no reads: a
 * busy article receives events in nearly every batch.
 *
 * <p>Not thread-safe: owned by the ingest thread. It holds the articles of the partitions that
 * thread reads; the thread clears it whenever another instance may have written them meanwhile (a
 * rebalance, a failure, a rebuild).
 */
public final class ActivityCache {

    private final ActivityRepository repository;
    private final Map<String, Activity> cache = new HashMap<>();

    public ActivityCache(ActivityRepository repository) {
        this.repository = repository;
    }

    /**
     * Applies each article's ops, in order, to its state under {@code generation}, drops what has
     * aged past {@code cutoffHour}, and returns the articles changed (one entry per article of
     * {@code byArticle}, in its order; they remain owned by the caller's thread).
     */
    public List<Activity> apply(Map<String, List<ActivityOp>> byArticle, long generation, long cutoffHour) {
        Set<String> missing = new HashSet<>(byArticle.keySet());
        missing.removeAll(cache.keySet());
        cache.putAll(repository.load(missing, generation));
        List<Activity> changed = new ArrayList<>(byArticle.size());
        byArticle.forEach((articleId, ops) -> {
            Activity activity = cache.get(articleId);
            for (ActivityOp op : ops) {
                op.applyOnce(activity, cutoffHour);
            }
            activity.prune(cutoffHour);
            changed.add(activity);
        });
        return changed;
    }

    /** Forgets every article: the next batch that touches one reads it from the repository again. */
    public void clear() {
        cache.clear();
    }
}
