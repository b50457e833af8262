package dev.newsroom.article;

import dev.newsroom.platform.health.ServiceReadinessChecks;

/** The probes, in the context every other test of the service shares. */
@ArticleServiceTest
class ArticleServiceApplicationTest extends ServiceReadinessChecks {}
