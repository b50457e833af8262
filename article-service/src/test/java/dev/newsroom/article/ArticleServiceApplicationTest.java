package dev.newsroom.article;

import dev.newsroom.platform.health.ServiceReadinessChecks;
import java.util.List;

/** The probes, in the context every other test of the service shares. */
@ArticleServiceTest
class ArticleServiceApplicationTest extends ServiceReadinessChecks {

    @Override
    protected List<String> ownMetrics() {
        return List.of(
                "newsroom_outbox_pending{",
                "newsroom_outbox_oldest_age_seconds{",
                "newsroom_outbox_published_total{",
                "newsroom_outbox_failures_total{",
                "newsroom_consumer_lag{",
                "newsroom_consumer_oldest_age_seconds{",
                "newsroom_deadletters_waiting{",
                "newsroom_article_views_dropped_total{");
    }
}
