package dev.newsroom.comment.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.comment.CommentServiceTest;
import dev.newsroom.platform.authors.AuthorProfile;
import dev.newsroom.platform.authors.AuthorProfiles;
import dev.newsroom.platform.authors.TestUsers;
import dev.newsroom.platform.authors.UserEvents;
import dev.newsroom.platform.messaging.TopicReader;
import dev.newsroom.platform.security.TestTokens;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** This service's binding of {@code newsroom.users.v1}: what it cannot read goes to its own dead-letter topic. */
@CommentServiceTest
class UserEventsTest {

    static final String DLQ = "newsroom.users.v1.comment-service.dlq";

    @Autowired
    AuthorProfiles profiles;

    final TestUsers users = new TestUsers();

    @AfterEach
    void close() {
        users.close();
    }

    @Test
    void aRecordThatCannotBeReadLandsInTheDeadLetterTopicAndTheNextRecordOfItsUserIsStillApplied() {
        TestTokens.User user = TestTokens.newUser();
        try (TopicReader deadLetters = new TopicReader(DLQ)) {
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
