package dev.newsroom.article.messaging;

import dev.newsroom.article.ArticleServiceTest;
import dev.newsroom.platform.authors.UserEventsDeadLetterChecks;

/** This service's binding of {@code newsroom.users.v1}: what it cannot read goes to its own dead-letter topic. */
@ArticleServiceTest
class UserEventsTest extends UserEventsDeadLetterChecks {

    @Override
    protected String deadLetterTopic() {
        return "newsroom.users.v1.article-service.dlq";
    }
}
