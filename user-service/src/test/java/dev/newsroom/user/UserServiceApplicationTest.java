package dev.newsroom.user;

import dev.newsroom.platform.health.ServiceReadinessChecks;

/** The probes, in the context every other test of the service shares. */
@UserServiceTest
class UserServiceApplicationTest extends ServiceReadinessChecks {}
