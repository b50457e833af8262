package dev.newsroom.trending;

import dev.newsroom.trending.ranking.Weights;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * trending-service's own settings ({@code newsroom.trending.*} in application.yml).
 *
 * @param weights what one view, visible comment and favourite weigh in a score
 * @param hotHalfLife after how long activity weighs half as much in the hot ranking
 * @param viewDedupWindow a view by the same viewer key on the same article within this (event
 *     time) counts once
 * @param viewDedupSlack how much later than the window a view may arrive out of order and still be
 *     de-duplicated exactly
 * @param depth how many entries each ranking keeps (the API's largest {@code limit})
 * @param publishSize how many top entries a {@code TrendingChanged} event carries; a change among
 *     them publishes
 * @param publishInterval at most one {@code TrendingChanged} per ranking this often
 * @param refreshInterval how often an instance recomputes its rankings (with its own ingested
 *     changes, which reach them without a round trip through the store)
 * @param storeReadInterval how often an instance re-reads the articles written since its last
 *     read: what other instances ingested reaches its rankings this much later
 * @param ingest the consumer of the input topics
 * @param topic where rankings are published ({@code newsroom.trending.v1})
 * @param standingsTopic where instances share the standings they ingest (internal to this
 *     service)
 */
@ConfigurationProperties("newsroom.trending")
public record TrendingServiceProperties(
        Weights weights,
        @DefaultValue("6h") Duration hotHalfLife,
        @DefaultValue("30m") Duration viewDedupWindow,
        @DefaultValue("5m") Duration viewDedupSlack,
        @DefaultValue("50") int depth,
        @DefaultValue("10") int publishSize,
        @DefaultValue("1s") Duration publishInterval,
        @DefaultValue("500ms") Duration refreshInterval,
        @DefaultValue("2s") Duration storeReadInterval,
        @DefaultValue Ingest ingest,
        @DefaultValue("newsroom.trending.v1") String topic,
        @DefaultValue("newsroom.trending-standings.v1") String standingsTopic) {

    public TrendingServiceProperties {
        if (weights == null) {
            weights = new Weights(1, 5, 10);
        }
        if (depth < 1 || publishSize < 1 || publishSize > depth) {
            throw new IllegalArgumentException("newsroom.trending: depth >= publish-size >= 1");
        }
        if (hotHalfLife.isZero() || hotHalfLife.isNegative()) {
            throw new IllegalArgumentException("newsroom.trending.hot-half-life must be positive");
        }
    }

    /**
     * @param group the consumer group every instance shares (partitions are split between them)
     * @param maxPollRecords the largest batch aggregated in memory before one bulk write
     * @param pollTimeout how long a poll waits for records
     * @param retryBackOff how long to wait before re-reading from the last commit after a failure
     */
    public record Ingest(
            @DefaultValue("trending-service") String group,
            @DefaultValue("20000") int maxPollRecords,
            @DefaultValue("100ms") Duration pollTimeout,
            @DefaultValue("2s") Duration retryBackOff) {}
}
