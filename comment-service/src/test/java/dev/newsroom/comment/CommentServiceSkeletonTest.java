package dev.newsroom.comment;

import dev.newsroom.platform.architecture.ServiceSkeletonChecks;

/** Comment service keeps to the skeleton every service follows (docs/architecture.md). */
class CommentServiceSkeletonTest extends ServiceSkeletonChecks {

    CommentServiceSkeletonTest() {
        super("dev.newsroom.comment");
    }
}
