package dev.newsroom.platform.tracing;

import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.http.HttpHeaders;

/**
 * The W3C Trace Context {@code traceparent} value ({@code 00-<trace id>-<span id>-<flags>}), written,
 * checked and read here, for HTTP calls and Kafka records alike. A malformed value is ignored: the
 * span then starts a new trace, and the request or record is handled as any other.
 */
public final class TraceParents {

    /** The header (HTTP and Kafka) and the CloudEvents distributed-tracing attribute. */
    public static final String HEADER = "traceparent";

    private TraceParents() {}

    /**
     * Makes a call continue the request's trace: {@code headers} carry the span of {@code correlation}
     * as their {@value #HEADER}, replacing whatever the client sent; without a trace, none.
     */
    public static void writeTo(HttpHeaders headers, Correlation correlation) {
        String traceparent = correlation == null ? null : correlation.traceparent();
        if (traceparent == null) {
            headers.remove(HEADER);
        } else {
            headers.set(HEADER, traceparent);
        }
    }

    /** The span context a {@link #valid} {@code traceparent} names, as {@code tracer}'s parent. */
    public static TraceContext context(Tracer tracer, String valid) {
        return tracer.traceContextBuilder()
                .traceId(traceId(valid))
                .spanId(valid.substring(36, 52))
                .sampled(sampled(valid))
                .build();
    }

    /** The trace id of a {@link #valid} {@code traceparent}. */
    public static String traceId(String valid) {
        return valid.substring(3, 35);
    }

    /** Whether a valid {@code traceparent} says its trace is recorded (flag bit 0). */
    public static boolean sampled(String valid) {
        return (Character.digit(valid.charAt(54), 16) & 1) == 1;
    }

    /** A new random trace id: 32 lower-case hex digits, not all zeros. */
    public static String newTraceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return hex(random.nextLong()) + hex(random.nextLong() | 1);
    }

    /** A new random span id: 16 lower-case hex digits, not all zeros. */
    public static String newSpanId() {
        return hex(ThreadLocalRandom.current().nextLong() | 1);
    }

    private static String hex(long value) {
        String digits = Long.toHexString(value);
        return digits.length() == 16 ? digits : "0".repeat(16 - digits.length()) + digits;
    }

    static String format(String traceId, String spanId, boolean sampled) {
        return "00-" + traceId + '-' + spanId + (sampled ? "-01" : "-00");
    }

    /**
     * The value as it should be carried on, or null when it is not a valid version-00
     * {@code traceparent}: 55 characters, lower-case hex fields, neither id all zeros.
     */
    public static String valid(String value) {
        if (value == null
                || value.length() != 55
                || !value.startsWith("00-")
                || value.charAt(35) != '-'
                || value.charAt(52) != '-') {
            return null;
        }
        return hex(value, 3, 35) && hex(value, 36, 52) && hex(value, 53, 55) ? value : null;
    }

    private static boolean hex(String value, int from, int to) {
        boolean allZero = true;
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
            allZero &= c == '0';
        }
        // Flags may be 00; the ids may not.
        return !allZero || to - from == 2;
    }
}
