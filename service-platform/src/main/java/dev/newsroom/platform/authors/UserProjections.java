package dev.newsroom.platform.authors;

import dev.newsroom.platform.projection.Projection;
import dev.newsroom.platform.projection.ProjectionLookup;
import dev.newsroom.platform.projection.Projections;

/**
 * The service's two copies of {@code newsroom.users.v1}: users by username (for RealWorld's {@code
 * author=} and {@code favorited=} filters) and follow edges by follower. Neither waits for a
 * username or follower it has not seen: a filter naming nobody answers at once. Only the writer's
 * own profile is waited for ({@link AuthorProfiles#afterWrite}), by id.
 */
record UserProjections(Projection<ProjectedUser> users, Projection<FollowEdge> follows) {

    static UserProjections of(Projections projections, ProjectionLookup writerLookup) {
        return new UserProjections(
                projections.of(ProjectedUser.COLLECTION, ProjectedUser.class, "username", writerLookup, name -> false),
                projections.of(FollowEdge.COLLECTION, FollowEdge.class, "followerId", writerLookup, id -> false));
    }

    /**
     * The index the reads need beyond {@code _id} (usernames); called before the first request.
     * Profiles and follow edges are read by {@code _id} only.
     */
    void createIndexes() {
        users.createKeyIndex().block();
    }
}
