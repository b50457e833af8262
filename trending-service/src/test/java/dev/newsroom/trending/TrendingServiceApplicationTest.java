package dev.newsroom.trending;

import dev.newsroom.platform.health.ServiceReadinessChecks;

/** The probes, in the context every other test of the service shares. */
@TrendingServiceTest
class TrendingServiceApplicationTest extends ServiceReadinessChecks {}
