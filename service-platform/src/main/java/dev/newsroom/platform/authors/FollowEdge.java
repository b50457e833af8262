package dev.newsroom.platform.authors;

import dev.newsroom.platform.projection.Projected;
import java.time.Instant;
import org.springframework.data.annotation.Id;

/**
 * Whether one user follows another, kept from {@code newsroom.users.v1}. A follow can be undone and
 * done again, so an unfollow is a state ({@code active} false), not a tombstone: a later follow
 * makes the edge active again, while the projection's ordering by time still drops a stale or
 * repeated event. {@code deleted} stays false.
 *
 * @param id {@link #idOf} the pair, so a viewer's edges to a page's authors are one {@code _id $in}
 * @param changedAt the {@code followedAt} or {@code unfollowedAt} of the last event applied
 * @param lastEventId the {@code ce_id} of the last event applied
 */
public record FollowEdge(
        @Id String id,
        String followerId,
        String followeeId,
        boolean active,
        boolean deleted,
        Instant changedAt,
        String lastEventId)
        implements Projected {

    static final String COLLECTION = "follows";

    /** The id of the edge from {@code followerId} to {@code followeeId} (user ids never hold a space). */
    static String idOf(String followerId, String followeeId) {
        return followerId + " " + followeeId;
    }
}
