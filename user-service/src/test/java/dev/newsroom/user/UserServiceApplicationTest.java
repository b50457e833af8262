package dev.newsroom.user;

import dev.newsroom.platform.health.ServiceReadinessChecks;
import java.util.List;

/** The probes, in the context every other test of the service shares. */
@UserServiceTest
class UserServiceApplicationTest extends ServiceReadinessChecks {

    @Override
    protected List<String> ownMetrics() {
        return OUTBOX_METRICS;
    }
}
