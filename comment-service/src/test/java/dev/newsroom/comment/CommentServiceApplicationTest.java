package dev.newsroom.comment;

import dev.newsroom.platform.health.ServiceReadinessChecks;
import java.util.List;

/** The probes, in the context every other test of the service shares. */
@CommentServiceTest
class CommentServiceApplicationTest extends ServiceReadinessChecks {

    @Override
    protected List<String> ownMetrics() {
        return metrics(OUTBOX_METRICS, KAFKA_BACKLOG_METRICS, List.of("newsroom_comment_held{"));
    }
}
