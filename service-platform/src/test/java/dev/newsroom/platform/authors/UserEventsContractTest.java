package dev.newsroom.platform.authors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.contracts.EventContracts;
import dev.newsroom.platform.authors.UserEvents.ProfileUpdated;
import dev.newsroom.platform.authors.UserEvents.UserFollowed;
import dev.newsroom.platform.authors.UserEvents.UserRegistered;
import dev.newsroom.platform.authors.UserEvents.UserUnfollowed;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The records every service that binds {@code userEvents-in-0} reads {@code newsroom.users.v1} with
 * read user-service's published examples, and the events the tests play user-service with are valid
 * against its schemas. One check here covers each consumer, since they all read with these records.
 */
class UserEventsContractTest {

    static final String USER = "6f1c2d9e-4b1a-4f0e-9a57-3c2b8d7e1f20";
    static final String FOLLOWEE = "0b7f3a52-9c1d-4e8a-b2f4-5d6e7a8b9c01";

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void theProfileExamplesParseIntoTheRecordsTheProjectionReads() {
        UserRegistered registered = read(UserEvents.REGISTERED, UserRegistered.class);
        ProfileUpdated updated = read(UserEvents.PROFILE_UPDATED, ProfileUpdated.class);

        assertThat(registered)
                .isEqualTo(new UserRegistered(USER, "ada", null, null, Instant.parse("2026-11-26T09:15:02.117Z")));
        assertThat(updated)
                .isEqualTo(new ProfileUpdated(
                        USER,
                        "ada_l",
                        "Writes about engines.",
                        "https://images.example.org/ada.png",
                        Instant.parse("2026-11-26T10:02:44.501Z")));
    }

    @Test
    void theFollowExamplesParseIntoTheRecordsTheProjectionReads() {
        assertThat(read(UserEvents.FOLLOWED, UserFollowed.class))
                .isEqualTo(new UserFollowed(USER, FOLLOWEE, Instant.parse("2026-11-26T10:05:00.000Z")));
        assertThat(read(UserEvents.UNFOLLOWED, UserUnfollowed.class))
                .isEqualTo(new UserUnfollowed(USER, FOLLOWEE, Instant.parse("2026-11-26T11:40:12.250Z")));
    }

    @Test
    void theEventsTheTestsSendAreValidAgainstUserServicesSchemas() {
        Instant at = TestUsers.now();

        EventContracts.assertValid(UserEvents.REGISTERED, TestUsers.registeredData(USER, "ada", null, null, at));
        EventContracts.assertValid(
                UserEvents.PROFILE_UPDATED,
                TestUsers.profileUpdatedData(USER, "ada_l", "Bio", "https://i.example/a.png", at));
        EventContracts.assertValid(UserEvents.FOLLOWED, TestUsers.followedData(USER, FOLLOWEE, at));
        EventContracts.assertValid(UserEvents.UNFOLLOWED, TestUsers.unfollowedData(USER, FOLLOWEE, at));
    }

    private <T> T read(String type, Class<T> record) {
        return json.readValue(EventContracts.example(type), record);
    }
}
