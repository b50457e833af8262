package dev.newsroom.platform.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * RealWorld timestamps: ISO-8601 in UTC with exactly three fraction digits ({@code
 * 2016-02-18T03:22:56.637Z}), also when the milliseconds are zero, which {@link Instant#toString()}
 * would leave out.
 */
public final class Timestamps {

    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {}

    public static String iso(Instant instant) {
        return instant == null ? null : MILLIS.format(instant);
    }
}
