package dev.newsroom.trending.messaging.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The ingest's metrics for operators: input events applied, by type ({@code
 * newsroom.trending.events.applied}, tag {@code type} = view, comment or article), and how fresh the
 * rankings are ({@code newsroom.trending.freshness}: from an event's time to the moment the rankings
 * count it, as a histogram). Freshness is observed once per hand-over to the rankings (every 100 ms
 * at most, see {@link IngestLoop#TELL_EVERY}) for the oldest event in it, the hand-over's worst case:
 * one observation per event would cost more than the event's own handling.
 *
 * <p>Used by the ingest thread only.
 */
final class IngestMeters {

    private final Map<String, Counter> applied;
    private final Timer freshness;
    /** The time of the oldest event read since the rankings were last told, or {@link Long#MAX_VALUE}. */
    private long oldestUntold = Long.MAX_VALUE;

    IngestMeters(MeterRegistry registry) {
        this.applied = Map.of(
                InputEvents.VIEWS_TOPIC, counter(registry, "view"),
                InputEvents.COMMENTS_TOPIC, counter(registry, "comment"),
                InputEvents.ARTICLES_TOPIC, counter(registry, "article"));
        this.freshness = Timer.builder("newsroom.trending.freshness")
                .description("From an input event's time to the moment the rankings count it (the oldest event"
                        + " of each hand-over to the rankings)")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
    }

    private static Counter counter(MeterRegistry registry, String type) {
        return Counter.builder("newsroom.trending.events.applied")
                .description("Input events applied to the rankings (or found already applied), by type")
                .tag("type", type)
                .register(registry);
    }

    /** {@code count} records of {@code topic} were applied, the oldest written at {@code oldestMillis}. */
    void applied(String topic, int count, long oldestMillis) {
        Counter counter = applied.get(topic);
        if (counter != null) {
            counter.increment(count);
        }
        oldestUntold = Math.min(oldestUntold, oldestMillis);
    }

    /** The rankings were told of everything applied so far, at {@code nowMillis}. */
    void told(long nowMillis) {
        if (oldestUntold != Long.MAX_VALUE) {
            freshness.record(Math.max(0, nowMillis - oldestUntold), TimeUnit.MILLISECONDS);
        }
        oldestUntold = Long.MAX_VALUE;
    }

    /** What was applied will be read again (a failure, a rebalance, a rebuild): it was never counted. */
    void forget() {
        oldestUntold = Long.MAX_VALUE;
    }
}
