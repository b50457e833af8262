package dev.newsroom.platform.authors;

import dev.newsroom.platform.projection.Projected;
import java.time.Instant;
import org.springframework.data.annotation.Id;

/**
 * A user as a service that shows authors knows them, kept from {@code newsroom.users.v1}: the public
 * profile only (never an email or a password hash). Users are never deleted on that topic, so {@code
 * deleted} stays false.
 *
 * @param id the immutable user id
 * @param username the current username, which the user may change
 * @param changedAt the {@code registeredAt} or {@code updatedAt} of the last event applied
 * @param lastEventId the {@code ce_id} of the last event applied
 */
public record ProjectedUser(
        @Id String id,
        String username,
        String bio,
        String image,
        boolean deleted,
        Instant changedAt,
        String lastEventId)
        implements Projected {

    static final String COLLECTION = "users";
}
