package dev.newsroom.platform.outbox;

import com.mongodb.MongoConnectionPoolClearedException;
import java.time.Duration;
import reactor.util.retry.Retry;
import reactor.util.retry.RetryBackoffSpec;

/**
 * A retry for store operations that failed before they were sent: the driver refuses operations
 * while it re-establishes a connection pool that another operation found broken ("connection pool
 * is paused"). Such an operation never reached the store, so trying it again cannot apply it
 * twice, which makes this safe even for non-idempotent updates such as {@code $inc}. Failures after
 * sending (a lost reply) are not retried: whether they applied is unknown.
 */
public final class StoreRetry {

    private StoreRetry() {}

    /** Up to three more attempts, 50 ms apart and growing, for operations that were never sent. */
    public static RetryBackoffSpec unsent() {
        return Retry.backoff(3, Duration.ofMillis(50)).filter(StoreRetry::neverSent);
    }

    static boolean neverSent(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof MongoConnectionPoolClearedException) {
                return true;
            }
        }
        return false;
    }
}
