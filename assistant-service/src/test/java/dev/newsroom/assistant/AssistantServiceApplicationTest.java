package dev.newsroom.assistant;

import dev.newsroom.platform.health.ServiceReadinessChecks;

/** The probes, in the context every other test of the service shares. */
@AssistantServiceTest
class AssistantServiceApplicationTest extends ServiceReadinessChecks {}
