package dev.newsroom.assistant;

import dev.newsroom.platform.health.ServiceReadinessChecks;
import java.util.List;

/** The probes, in the context every other test of the service shares. */
@AssistantServiceTest
class AssistantServiceApplicationTest extends ServiceReadinessChecks {

    @Override
    protected List<String> ownMetrics() {
        return KAFKA_BACKLOG_METRICS;
    }
}
