package dev.newsroom.user.account;

import dev.newsroom.platform.outbox.OutboxEvent;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
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

    /** A new account: no bio, image or stored role yet, and nothing in its outbox. */
    static Account registering(String id, String username, String email, String passwordHash, Instant now) {
        return new Account(
                id,
                username,
                AccountRules.usernameKey(username),
                email,
                AccountRules.emailKey(email),
                passwordHash,
                null,
                null,
                Set.of(),
                now,
                now,
                List.of());
    }

    /**
     * The account as the owner changed it at {@code at}: the given username, email, password hash,
     * bio and image, with the normalised keys the unique indexes guard recomputed. Id, roles,
     * creation time and outbox stay.
     */
    Account changed(String username, String email, String passwordHash, String bio, String image, Instant at) {
        return new Account(
                id,
                username,
                AccountRules.usernameKey(username),
                email,
                AccountRules.emailKey(email),
                passwordHash,
                bio,
                image,
                roles,
                createdAt,
                at,
                outbox);
    }

    /** The account with {@code outbox} as its events waiting to be published. */
    Account withOutbox(List<OutboxEvent> outbox) {
        return new Account(
                id,
                username,
                usernameKey,
                email,
                emailKey,
                passwordHash,
                bio,
                image,
                roles,
                createdAt,
                updatedAt,
                outbox);
    }

    /** Whether what others see of the account (username, bio, image) differs from {@code other}'s. */
    boolean profileDiffersFrom(Account other) {
        return !Objects.equals(username, other.username)
                || !Objects.equals(bio, other.bio)
                || !Objects.equals(image, other.image);
    }
}
