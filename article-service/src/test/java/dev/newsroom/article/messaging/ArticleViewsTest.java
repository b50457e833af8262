package dev.newsroom.article.messaging;

import static dev.newsroom.article.TestArticles.as;
import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.article.ArticleServiceTest;
import dev.newsroom.article.TestArticles;
import dev.newsroom.article.article.ArticleEvents;
import dev.newsroom.contracts.EventContracts;
import dev.newsroom.platform.messaging.TopicReader;
import dev.newsroom.platform.security.TestTokens;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

@ArticleServiceTest
class ArticleViewsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    WebTestClient web;

    @Autowired
    ReactiveMongoTemplate mongo;

    final TestTokens.User author = TestTokens.newUser("author");
    final TestTokens.User reader = TestTokens.newUser("reader");

    @Test
    void eachReadOfAnArticlePublishesAViewWithAnAnonymousViewerKey() {
        try (TopicReader views = new TopicReader(ArticleEvents.VIEWS_TOPIC)) {
            String slug = TestArticles.create(web, author, "Read me");
            String id = TestArticles.idOf(mongo, slug);
            as(reader, web.get().uri("/api/articles/" + slug))
                    .exchange()
                    .expectStatus()
                    .isOk();
            as(reader, web.get().uri("/api/articles/" + slug))
                    .exchange()
                    .expectStatus()
                    .isOk();
            web.get().uri("/api/articles/" + slug).exchange().expectStatus().isOk();

            List<TopicReader.Event> read = views.await(event -> id.equals(event.key()), 3, WAIT);

            assertThat(read).hasSize(3);
            read.forEach(event -> EventContracts.assertValid(ArticleEvents.VIEWED, event.value()));
            assertThat(read.get(0).value()).isNotEqualTo(read.get(2).value()).doesNotContain(reader.id());
            String firstKey = viewerKey(read.get(0).value());
            assertThat(viewerKey(read.get(1).value()))
                    .as("same reader, same key")
                    .isEqualTo(firstKey);
            assertThat(viewerKey(read.get(2).value())).as("another reader").isNotEqualTo(firstKey);
        }
    }

    private static String viewerKey(String json) {
        int start = json.indexOf("\"viewerKey\":\"") + 13;
        return json.substring(start, json.indexOf('"', start));
    }
}
