package dev.newsroom.trending.activity;

import java.nio.charset.StandardCharsets;

/**
 * De-duplicates views of one input partition: a view counts unless the same viewer key viewed the
 * same article at most {@code window} earlier (by the events' own {@code viewedAt}, so a replay
 * decides the same). The decision for a view depends only on the views of the window before it,
 * which is what lets a consumer rebuild this state after a restart by re-reading a little more
 * than a window of the partition.
 *
 * <p>Memory grows with the distinct (article, viewer) pairs of one window, not with events: an
 * open-addressing table of 64-bit pair hashes and last-seen seconds (12 bytes a slot), from which
 * pairs older than the window are dropped when it fills. Two pairs colliding on 64 bits (about one
 * chance in 10^11 among a million pairs) would be counted as one viewer.
 */
public final class RecentViews {

    private static final long EPOCH_SECOND_BASE = 1_577_836_800L; // 2020-01-01, so seconds fit an int
    private static final long EMPTY = 0;

    private final int windowSeconds;
    private final int slackSeconds;
    private long[] keys;
    private int[] seen;
    private int size;
    private int newest = Integer.MIN_VALUE;

    /**
     * @param slackSeconds how much older than the window a pair is still kept, for views that arrive a
     *     little out of order
     */
    public RecentViews(long windowSeconds, long slackSeconds) {
        this.windowSeconds = Math.toIntExact(windowSeconds);
        this.slackSeconds = Math.toIntExact(slackSeconds);
        this.keys = new long[1024];
        this.seen = new int[1024];
    }

    /** Whether this view counts; remembers it either way. */
    public boolean counts(String articleId, String viewerKey, long viewedAtMillis) {
        long key = pairHash(articleId, viewerKey);
        int second = (int) (Math.floorDiv(viewedAtMillis, 1000) - EPOCH_SECOND_BASE);
        newest = Math.max(newest, second);
        int mask = keys.length - 1;
        int slot = (int) (key ^ (key >>> 32)) & mask;
        while (keys[slot] != EMPTY) {
            if (keys[slot] == key) {
                int last = seen[slot];
                seen[slot] = Math.max(last, second);
                return last < second - windowSeconds;
            }
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        seen[slot] = second;
        if (++size * 2 > keys.length) {
            resize();
        }
        return true;
    }

    public int size() {
        return size;
    }

    /** Drops pairs nobody needs any more; grows the table if it is still half full after that. */
    private void resize() {
        int oldest = newest - windowSeconds - slackSeconds;
        int live = 0;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY && seen[i] >= oldest) {
                live++;
            }
        }
        int capacity = keys.length;
        while (live * 4 > capacity) {
            capacity *= 2;
        }
        long[] oldKeys = keys;
        int[] oldSeen = seen;
        keys = new long[capacity];
        seen = new int[capacity];
        size = 0;
        int mask = capacity - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY && oldSeen[i] >= oldest) {
                int slot = (int) (oldKeys[i] ^ (oldKeys[i] >>> 32)) & mask;
                while (keys[slot] != EMPTY) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                seen[slot] = oldSeen[i];
                size++;
            }
        }
    }

    /** FNV-1a over both strings, then a 64-bit finaliser to spread the bits; never 0 (empty slot). */
    static long pairHash(String articleId, String viewerKey) {
        long hash = 0xcbf29ce484222325L;
        hash = fnv(hash, articleId);
        hash = (hash ^ '\n') * 0x100000001b3L;
        hash = fnv(hash, viewerKey);
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        hash *= 0xc4ceb9fe1a85ec53L;
        hash ^= hash >>> 33;
        return hash == EMPTY ? 1 : hash;
    }

    private static long fnv(long hash, String text) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return hash;
    }
}
