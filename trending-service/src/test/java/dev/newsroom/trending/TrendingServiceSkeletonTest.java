package dev.newsroom.trending;

import dev.newsroom.platform.architecture.ServiceSkeletonChecks;

/** Trending service keeps to the skeleton every service follows (docs/architecture.md). */
class TrendingServiceSkeletonTest extends ServiceSkeletonChecks {

    TrendingServiceSkeletonTest() {
        super("dev.newsroom.trending");
    }
}
