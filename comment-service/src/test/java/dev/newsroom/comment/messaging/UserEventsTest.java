package dev.newsroom.comment.messaging;

import dev.newsroom.comment.CommentServiceTest;
import dev.newsroom.platform.authors.UserEventsDeadLetterChecks;

/** This service's binding of {@code newsroom.users.v1}: what it cannot read goes to its own dead-letter topic. */
@CommentServiceTest
class UserEventsTest extends UserEventsDeadLetterChecks {

    @Override
    protected String deadLetterTopic() {
        return "newsroom.users.v1.comment-service.dlq";
    }
}
