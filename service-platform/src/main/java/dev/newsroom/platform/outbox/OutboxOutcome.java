package dev.newsroom.platform.outbox;

/**
 * What a sweep (or part of one) achieved.
 *
 * @param pending events found but not published, because publishing or removing one failed
 * @param failures documents whose relaying stopped at a failure, plus failed look-ups
 * @param failure the first failure, or null
 * @param full whether a collection had at least a batch of documents pending, so more may wait
 */
record OutboxOutcome(int documents, int published, int pending, int failures, Throwable failure, boolean full) {

    static final OutboxOutcome NONE = new OutboxOutcome(0, 0, 0, 0, null, false);

    static OutboxOutcome document(int published, int found, Throwable failure) {
        return new OutboxOutcome(1, published, found - published, failure == null ? 0 : 1, failure, false);
    }

    static OutboxOutcome failed(Throwable failure) {
        return new OutboxOutcome(0, 0, 0, 1, failure, false);
    }

    OutboxOutcome plus(OutboxOutcome other) {
        return new OutboxOutcome(
                documents + other.documents,
                published + other.published,
                pending + other.pending,
                failures + other.failures,
                // The cause is what the log should show, not that the rest of the sweep gave up.
                failure == null || failure instanceof SweepAbandoned && other.failure != null ? other.failure : failure,
                full || other.full);
    }

    OutboxOutcome full(boolean full) {
        return new OutboxOutcome(documents, published, pending, failures, failure, full);
    }

    /** Left for the next sweep because an earlier send in this one timed out, or the relay stops. */
    static final class SweepAbandoned extends RuntimeException {

        SweepAbandoned() {
            super("left for the next sweep", null, false, false);
        }
    }
}
