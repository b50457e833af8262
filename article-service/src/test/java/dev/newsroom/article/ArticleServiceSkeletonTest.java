package dev.newsroom.article;

import dev.newsroom.platform.architecture.ServiceSkeletonChecks;

/** Article service keeps to the skeleton every service follows (docs/architecture.md). */
class ArticleServiceSkeletonTest extends ServiceSkeletonChecks {

    ArticleServiceSkeletonTest() {
        super("dev.newsroom.article");
    }
}
