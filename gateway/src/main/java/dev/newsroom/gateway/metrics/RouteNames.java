package dev.newsroom.gateway.metrics;

/**
 * The route a request took, named for metrics: one of a fixed, small set, whatever the path holds
 * (slugs, usernames and ids never become label values, so a scraper's series stay bounded however
 * many stories there are). Read from the path alone, the same way for every method.
 */
public final class RouteNames {

    static final String OTHER = "other";

    private RouteNames() {}

    public static String of(String path) {
        if (!path.startsWith("/api/")) {
            return "web";
        }
        String[] parts = path.substring("/api/".length()).split("/", -1);
        int n = parts.length;
        if (n > 0 && parts[n - 1].isEmpty()) {
            // A trailing slash: such paths are answered 404 (docs/input-handling.md).
            return OTHER;
        }
        return switch (parts[0]) {
            case "articles" -> articles(parts);
            case "pages" -> n == 3 && parts[1].equals("articles") ? "page" : OTHER;
            case "profiles" -> n == 2 ? "profile" : n == 3 && parts[2].equals("follow") ? "follow" : OTHER;
            case "tags" -> n == 1 ? "tags" : OTHER;
            case "user" -> n == 1 ? "user" : OTHER;
            case "users" -> n == 1 || (n == 2 && parts[1].equals("login")) ? "users" : OTHER;
            case "trending" -> n == 1 ? "trending" : n == 2 && parts[1].equals("stream") ? "trending-stream" : OTHER;
            case "alerts" -> n == 1 ? "alerts" : n == 2 && parts[1].equals("stream") ? "alert-stream" : "alert";
            case "moderation" -> "moderation";
            case "docs" -> "docs";
            default -> OTHER;
        };
    }

    private static String articles(String[] parts) {
        int n = parts.length;
        if (n == 1) {
            return "articles";
        }
        if (n == 2) {
            return parts[1].equals("feed") ? "feed" : "article";
        }
        return switch (parts[2]) {
            case "comments" -> n == 3 ? "comments" : n == 4 && parts[3].equals("stream") ? "comment-stream" : "comment";
            case "favorite" -> n == 3 ? "favorite" : OTHER;
            case "ask" -> "ask";
            default -> OTHER;
        };
    }
}
