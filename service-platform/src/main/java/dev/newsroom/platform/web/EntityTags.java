package dev.newsroom.platform.web;

import java.util.List;

/** The one reading of {@code If-None-Match} for every place that answers a read with a 304. */
public final class EntityTags {

    private EntityTags() {}

    /**
     * Whether {@code ifNoneMatch} (the request's tags) names {@code etag}, by RFC 9110's weak
     * comparison, as If-None-Match requires; {@code *} matches any answer.
     */
    public static boolean anyMatches(List<String> ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch) {
            if (candidate.equals("*") || opaque(candidate).equals(opaque(etag))) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String etag) {
        return etag.startsWith("W/") ? etag.substring(2) : etag;
    }
}
