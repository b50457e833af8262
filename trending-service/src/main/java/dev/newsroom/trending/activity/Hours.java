package dev.newsroom.trending.activity;

import java.time.Instant;

/** Activity is counted in buckets of one hour, numbered from the epoch. */
public final class Hours {

    public static final long MILLIS = 3_600_000L;

    private Hours() {}

    public static long of(Instant time) {
        return Math.floorDiv(time.toEpochMilli(), MILLIS);
    }

    public static long ofMillis(long epochMillis) {
        return Math.floorDiv(epochMillis, MILLIS);
    }
}
