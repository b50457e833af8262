package dev.newsroom.trending;

import dev.newsroom.platform.health.ServiceReadinessChecks;
import java.util.List;

/** The probes, in the context every other test of the service shares. */
@TrendingServiceTest
class TrendingServiceApplicationTest extends ServiceReadinessChecks {

    @Override
    protected List<String> ownMetrics() {
        return metrics(
                KAFKA_BACKLOG_METRICS,
                List.of(
                        "newsroom_trending_events_applied_total{application=\"trending-service\",type=\"view\"}",
                        "newsroom_trending_freshness_seconds_bucket{"));
    }
}
