package dev.newsroom.article.article;

import java.util.List;

/**
 * Which articles a list shows: every filter is optional and they combine. Authors and the
 * favouriting user are ids (the list endpoint resolves RealWorld's usernames through the users
 * projection; the feed search names the followed authors by id).
 */
public record ArticleQuery(String tag, List<String> authorIds, String favoritedBy, int limit, int offset) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
}
