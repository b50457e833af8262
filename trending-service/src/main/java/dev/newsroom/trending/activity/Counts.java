package dev.newsroom.trending.activity;

/** Views, comments and favourites counted for one article over some span of time. */
public record Counts(long views, long comments, long favorites) {

    public static final Counts ZERO = new Counts(0, 0, 0);

    public Counts plus(Counts other) {
        return new Counts(views + other.views, comments + other.comments, favorites + other.favorites);
    }

    public Counts plus(Activity.Kind kind, long delta) {
        return switch (kind) {
            case VIEW -> new Counts(views + delta, comments, favorites);
            case COMMENT -> new Counts(views, comments + delta, favorites);
            case FAVORITE -> new Counts(views, comments, favorites + delta);
        };
    }

    public boolean isZero() {
        return views == 0 && comments == 0 && favorites == 0;
    }
}
