package dev.newsroom.platform.tracing;

/**
 * The {@link Correlation} of the request being handled on this thread, where Reactor's automatic
 * context propagation (or {@code RequestIds.logWith}) puts it: read by {@code OutboxEvent.of}, so that
 * an event carries the trace of the request that wrote it without every caller passing it along.
 */
public final class CurrentCorrelation {

    private static final ThreadLocal<Correlation> CURRENT = new ThreadLocal<>();

    private CurrentCorrelation() {}

    /** This thread's correlation, or null outside a request. */
    public static Correlation get() {
        return CURRENT.get();
    }

    /** The traceparent of this thread's request, or null. */
    public static String traceparent() {
        Correlation current = CURRENT.get();
        return current == null ? null : current.traceparent();
    }

    /** Sets (or with null, clears) this thread's correlation. */
    public static void set(Correlation correlation) {
        if (correlation == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(correlation);
        }
    }
}
