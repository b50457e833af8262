package dev.newsroom.trending.activity;

/**
 * One input event, decoded and (for a view) already through de-duplication: what it does to its
 * article's {@link Activity}. The messaging adapter decodes records into ops; {@link ActivityCache}
 * applies them. Applying is guarded by the article's offset for the event's
 * partition, so an op applies at most once however often its record is delivered.
 */
public sealed interface ActivityOp {

    String articleId();

    /** The input partition, as the article documents name it: {@code v0}, {@code c2}, {@code a1}, … */
    String source();

    long offset();

    void apply(Activity activity, long cutoffHour);

    default void applyOnce(Activity activity, long cutoffHour) {
        if (activity.accept(source(), offset())) {
            apply(activity, cutoffHour);
        }
    }

    /** A view; {@code counted} false when de-duplication found the same viewer within the window. */
    record View(String articleId, String source, long offset, boolean counted, long hour) implements ActivityOp {
        @Override
        public void apply(Activity activity, long cutoffHour) {
            if (counted) {
                activity.viewed(hour, cutoffHour);
            }
        }
    }

    record Described(String articleId, String source, long offset, Activity.Meta meta) implements ActivityOp {
        @Override
        public void apply(Activity activity, long cutoffHour) {
            activity.described(meta);
        }
    }

    record Deleted(String articleId, String source, long offset) implements ActivityOp {
        @Override
        public void apply(Activity activity, long cutoffHour) {
            activity.deleted();
        }
    }

    record Favorited(String articleId, String source, long offset, String userId, long hour) implements ActivityOp {
        @Override
        public void apply(Activity activity, long cutoffHour) {
            activity.favorited(userId, hour, cutoffHour);
        }
    }

    record Unfavorited(String articleId, String source, long offset, String userId) implements ActivityOp {
        @Override
        public void apply(Activity activity, long cutoffHour) {
            activity.unfavorited(userId, cutoffHour);
        }
    }

    /** A comment became visible; {@code visibleBefore} is the event's word on its previous state. */
    record CommentShown(
            String articleId, String source, long offset, String commentId, long createdHour, boolean visibleBefore)
            implements ActivityOp {
        @Override
        public void apply(Activity activity, long cutoffHour) {
            activity.commentVisible(commentId, createdHour, visibleBefore, cutoffHour);
        }
    }

    /** A comment stopped being visible (or was deleted); {@code createdHour} null when unknown. */
    record CommentHidden(
            String articleId, String source, long offset, String commentId, Long createdHour, boolean visibleBefore)
            implements ActivityOp {
        @Override
        public void apply(Activity activity, long cutoffHour) {
            activity.commentHidden(commentId, createdHour, visibleBefore, cutoffHour);
        }
    }
}
