package dev.newsroom.assistant;

import dev.newsroom.platform.architecture.ServiceSkeletonChecks;

/** Assistant service keeps to the skeleton every service follows (docs/architecture.md). */
class AssistantServiceSkeletonTest extends ServiceSkeletonChecks {

    AssistantServiceSkeletonTest() {
        super("dev.newsroom.assistant");
    }
}
