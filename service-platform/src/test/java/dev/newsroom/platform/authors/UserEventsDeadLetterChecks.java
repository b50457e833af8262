package dev.newsroom.platform.authors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.platform.messaging.TopicReader;
import dev.newsroom.platform.security.TestTokens;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A service's binding of {@code newsroom.users.v1}: what it cannot read goes to its own dead-letter
 * topic, and the next record of that user is still applied. A service's {@code UserEventsTest}
 * extends this under the service's own test annotation and names its dead-letter topic.
 */
public abstract class UserEventsDeadLetterChecks {

    @Autowired
    protected AuthorProfiles profiles;

    /** {@code newsroom.users.v1.<service>.dlq}. */
    protected abstract String deadLetterTopic();

    final TestUsers users = new TestUsers();

    @AfterEach
    void close() {
        users.close();
    }

    @Test
    void aRecordThatCannotBeReadLandsInTheDeadLetterTopicAndTheNextRecordOfItsUserIsStillApplied() {
        TestTokens.User user = TestTokens.newUser();
        try (TopicReader deadLetters = new TopicReader(deadLetterTopic())) {
            String poison = users.send(user.id(), UserEvents.PROFILE_UPDATED, "{\"userId\": not json");
            String incomplete = users.send(user.id(), UserEvents.REGISTERED, "{\"userId\":\"" + user.id() + "\"}");
            users.registered(user, "Bio", null);

            TestUsers.await(profiles, user.id(), null, new AuthorProfile(user.username(), "Bio", null, false)::equals);
            List<TopicReader.Event> dead = deadLetters.await(
                    event ->
                            List.of(poison, incomplete).contains(event.headers().get("ce_id")),
                    2,
                    Duration.ofSeconds(30));

            assertThat(dead).extracting(TopicReader.Event::key).containsOnly(user.id());
            assertThat(dead).extracting(event -> event.headers().get("ce_id")).containsExactly(poison, incomplete);
        }
    }
}
