package dev.newsroom.user;

import dev.newsroom.platform.architecture.ServiceSkeletonChecks;

/** User service keeps to the skeleton every service follows (docs/architecture.md). */
class UserServiceSkeletonTest extends ServiceSkeletonChecks {

    UserServiceSkeletonTest() {
        super("dev.newsroom.user");
    }
}
