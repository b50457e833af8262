package dev.newsroom.platform.tracing;

/**
 * What ties a log line, and an event written while a request is handled, to that request: its
 * {@code X-Request-Id}, and the trace and span the request is recorded in (null when there is no
 * trace: tracing off, or code that runs outside any request).
 *
 * @param requestId the request's id, as {@code RequestIds} gave it
 * @param traceId 32 hex digits, or null
 * @param spanId 16 hex digits, or null
 * @param sampled whether the trace is recorded and exported
 */
public record Correlation(String requestId, String traceId, String spanId, boolean sampled) {

    /** Only a request id, no trace. */
    public static Correlation of(String requestId) {
        return new Correlation(requestId, null, null, false);
    }

    /**
     * The W3C {@code traceparent} of the span, for a record or a call that continues the trace, or
     * null without one.
     */
    public String traceparent() {
        return traceId == null || spanId == null ? null : TraceParents.format(traceId, spanId, sampled);
    }
}
