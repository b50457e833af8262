package dev.newsroom.gateway.relay;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import reactor.core.publisher.Mono;

/**
 * {@link Mono#timeout(Duration)} for the gateway's per-request paths, without its hidden cost: a
 * timeout with no fallback builds, at every subscription, the description its error would carry, by
 * walking the chain of operators above it for a name (2-3 % of the gateway's CPU on the article page,
 * in a profile of {@code bench/read-path.sh}). With a fallback it builds nothing; the fallback here
 * fails as the plain timeout would, with a {@link TimeoutException}, made only when the time is up.
 */
public final class Timeouts {

    private Timeouts() {}

    /** {@code source}, or a {@link TimeoutException} if it has not answered within {@code limit}. */
    public static <T> Mono<T> within(Mono<T> source, Duration limit) {
        return source.timeout(limit, Mono.error(() -> new TimeoutException("No answer within " + limit)));
    }
}
