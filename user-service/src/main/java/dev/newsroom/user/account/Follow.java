package dev.newsroom.user.account;

import dev.newsroom.platform.outbox.OutboxEvent;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One follower → followee relation. Unfollowing keeps the document with {@code active = false}: the
 * document is the aggregate that carries the unfollow event in its outbox until it is published.
 */
@Document(Follow.COLLECTION)
public record Follow(
        @Id String id,
        String followerId,
        String followeeId,
        boolean active,
        Instant changedAt,
        List<OutboxEvent> outbox) {

    public static final String COLLECTION = "follows";

    /** The relation as it is from {@code changedAt}, with nothing in its outbox. */
    static Follow of(String followerId, String followeeId, boolean active, Instant changedAt) {
        return new Follow(idOf(followerId, followeeId), followerId, followeeId, active, changedAt, List.of());
    }

    public static String idOf(String followerId, String followeeId) {
        return followerId + ":" + followeeId;
    }
}
