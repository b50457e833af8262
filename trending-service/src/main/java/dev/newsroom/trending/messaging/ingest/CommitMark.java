package dev.newsroom.trending.messaging.ingest;

/**
 * The metadata committed with an input offset, {@code g=<generation>;t=<newest record timestamp>}:
 * the rebuild generation the commit belongs to (a partition committed under an older one starts
 * over, see {@link AssignedPartitions}) and, for view partitions, how recent its newest record was
 * (where re-reading starts to rebuild the recent viewers).
 */
record CommitMark(long generation, long newestTimestamp) {

    static String of(long generation, long newestTimestamp) {
        return "g=" + generation + ";t=" + newestTimestamp;
    }

    /** The mark of a commit's metadata, or null when it has none (or not one this service wrote). */
    static CommitMark parse(String metadata) {
        if (metadata == null || !metadata.startsWith("g=")) {
            return null;
        }
        try {
            String[] parts = metadata.split(";");
            long generation = Long.parseLong(parts[0].substring(2));
            long newest = parts.length > 1 && parts[1].startsWith("t=") ? Long.parseLong(parts[1].substring(2)) : 0;
            return new CommitMark(generation, newest);
        } catch (NumberFormatException unreadable) {
            return null;
        }
    }
}
