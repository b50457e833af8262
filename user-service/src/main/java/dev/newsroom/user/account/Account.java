package dev.newsroom.user.account;

import dev.newsroom.platform.outbox.OutboxEvent;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A person's account. The id is immutable and is what every other service stores; the username can
 * change. {@code usernameKey} and {@code emailKey} are the normalised forms that unique indexes
 * guard. {@code outbox} holds events written in the same update as the change they describe.
 */
@Document(Account.COLLECTION)
public record Account(
        @Id String id,
        String username,
        String usernameKey,
        String email,
        String emailKey,
        String passwordHash,
        String bio,
        String image,
        Set<String> roles,
        Instant createdAt,
        Instant updatedAt,
        List<OutboxEvent> outbox) {

    public static final String COLLECTION = "accounts";

    public Account {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
        outbox = outbox == null ? List.of() : List.copyOf(outbox);
    }
}
