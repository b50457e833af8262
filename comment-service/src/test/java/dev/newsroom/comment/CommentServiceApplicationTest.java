package dev.newsroom.comment;

import dev.newsroom.platform.health.ServiceReadinessChecks;

/** The probes, in the context every other test of the service shares. */
@CommentServiceTest
class CommentServiceApplicationTest extends ServiceReadinessChecks {}
