package dev.newsroom.user.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.contracts.EventContracts;
import dev.newsroom.platform.outbox.OutboxEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class AccountEventFactoriesTest {

    static final String USER = "0b7c6f2e-4f4a-4c53-9d2e-6a1f0c3b2a11";
    static final String OTHER = "5d1e8a90-2b3c-4d4e-8f5a-6b7c8d9e0f12";

    final JsonMapper json = JsonMapper.builder().build();
    final Instant now = Instant.parse("2026-01-02T03:04:05.678Z");
    final Account account = Account.registering(USER, "Jane", "jane@example.com", "$2a$hash", now);

    @Test
    void aRegistrationIsKeyedByTheUserAndCarriesNeitherEmailNorPasswordHash() {
        OutboxEvent registered = AccountEvents.registered(account, json);

        assertThat(registered.topic()).isEqualTo(AccountEvents.TOPIC);
        assertThat(registered.type()).isEqualTo(AccountEvents.REGISTERED);
        assertThat(registered.key()).isEqualTo(USER);
        EventContracts.assertValid(AccountEvents.REGISTERED, registered.data());
        assertThat(registered.data())
                .contains("Jane")
                .doesNotContain("jane@example.com")
                .doesNotContain("$2a$");
    }

    @Test
    void aProfileUpdateCarriesTheProfileAsItIsAfterTheChange() {
        Account changed = account.changed(
                "Janet", account.email(), account.passwordHash(), "Writes", account.image(), now.plusSeconds(60));

        OutboxEvent updated = AccountEvents.profileUpdated(changed, json);

        assertThat(updated.type()).isEqualTo(AccountEvents.PROFILE_UPDATED);
        EventContracts.assertValid(AccountEvents.PROFILE_UPDATED, updated.data());
        assertThat(updated.data())
                .contains("\"username\":\"Janet\"")
                .contains("\"bio\":\"Writes\"")
                .contains("2026-01-02T03:05:05.678Z")
                .doesNotContain("jane@example.com");
    }

    @Test
    void followsAndUnfollowsAreKeyedByTheFollowerSoTheyStayInOrder() {
        OutboxEvent followed = AccountEvents.followed(Follow.of(USER, OTHER, true, now), json);
        OutboxEvent unfollowed = AccountEvents.unfollowed(Follow.of(USER, OTHER, false, now), json);

        assertThat(followed.key()).isEqualTo(USER);
        assertThat(unfollowed.key()).isEqualTo(USER);
        EventContracts.assertValid(AccountEvents.FOLLOWED, followed.data());
        EventContracts.assertValid(AccountEvents.UNFOLLOWED, unfollowed.data());
    }
}
