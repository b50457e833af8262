package dev.newsroom.trending.ranking;

/**
 * Names of rankings, as used in the API, on {@code newsroom.trending.v1} (the record key) and in
 * the stream: {@code popular:<window>}, {@code popular:<window>:tag:<tag>}, {@code hot}, {@code
 * hot:tag:<tag>}.
 */
public final class RankingName {

    public static final String POPULAR = "popular";
    public static final String HOT = "hot";
    private static final String TAG = ":tag:";

    private RankingName() {}

    /** {@code window} is ignored (may be null) for hot; {@code tag} null for the overall ranking. */
    public static String of(String ranking, Window window, String tag) {
        String base = HOT.equals(ranking) ? HOT : POPULAR + ":" + window.label();
        return tag == null ? base : base + TAG + tag;
    }

    /** The tag a ranking name is about, or null for an overall ranking. */
    public static String tagOf(String name) {
        int at = name.indexOf(TAG);
        return at < 0 ? null : name.substring(at + TAG.length());
    }

    public static String rankingOf(String name) {
        return name.startsWith(HOT) ? HOT : POPULAR;
    }

    /** The window of a popular ranking name; null for hot. */
    public static Window windowOf(String name) {
        if (!name.startsWith(POPULAR + ":")) {
            return null;
        }
        String rest = name.substring(POPULAR.length() + 1);
        int end = rest.indexOf(':');
        return Window.parse(end < 0 ? rest : rest.substring(0, end)).orElse(null);
    }
}
