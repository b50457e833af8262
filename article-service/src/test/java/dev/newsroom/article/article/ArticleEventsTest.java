package dev.newsroom.article.article;

import static dev.newsroom.article.TestArticles.as;
import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.article.ArticleServiceTest;
import dev.newsroom.article.TestArticles;
import dev.newsroom.contracts.EventContracts;
import dev.newsroom.platform.messaging.TopicReader;
import dev.newsroom.platform.outbox.OutboxRelay;
import dev.newsroom.platform.security.TestTokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

@ArticleServiceTest
class ArticleEventsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    WebTestClient web;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    OutboxRelay relay;

    final TestTokens.User author = TestTokens.newUser("author");
    final TestTokens.User reader = TestTokens.newUser("reader");

    @AfterEach
    void restartRelay() {
        if (!relay.isRunning()) {
            relay.start();
        }
    }

    @Test
    void theLifeOfAnArticleIsPublishedInOrderOnceEachAndValid() {
        try (TopicReader topic = new TopicReader(ArticleEvents.TOPIC)) {
            String slug = TestArticles.create(web, author, "Evented");
            String id = TestArticles.idOf(mongo, slug);
            as(author, web.put().uri("/api/articles/" + slug))
                    .bodyValue(Map.of("article", Map.of("title", "Evented again")))
                    .exchange()
                    .expectStatus()
                    .isOk();
            as(reader, web.post().uri("/api/articles/" + slug + "/favorite"))
                    .exchange()
                    .expectStatus()
                    .isOk();
            as(reader, web.post().uri("/api/articles/" + slug + "/favorite"))
                    .exchange()
                    .expectStatus()
                    .isOk();
            as(reader, web.delete().uri("/api/articles/" + slug + "/favorite"))
                    .exchange()
                    .expectStatus()
                    .isOk();
            as(author, web.delete().uri("/api/articles/" + slug))
                    .exchange()
                    .expectStatus()
                    .isNoContent();

            topic.await(event -> id.equals(event.key()), 5, WAIT);
            List<TopicReader.Event> events = topic.settle(event -> id.equals(event.key()), Duration.ofSeconds(2));

            assertThat(events)
                    .extracting(TopicReader.Event::type)
                    .containsExactly(
                            ArticleEvents.PUBLISHED,
                            ArticleEvents.UPDATED,
                            ArticleEvents.FAVORITED,
                            ArticleEvents.UNFAVORITED,
                            ArticleEvents.DELETED);
            events.forEach(event -> EventContracts.assertValid(event.type(), event.value()));
            assertThat(events.get(1).value()).contains("Evented again").contains(slug);
            assertThat(events.get(0).headers()).containsEntry("ce_source", "/newsroom/article-service");
        }
    }

    @Test
    void anArticleWrittenWhileTheRelayIsDownIsPublishedOnceItIsBack() {
        try (TopicReader topic = new TopicReader(ArticleEvents.TOPIC)) {
            relay.stop();
            String id = TestArticles.idOf(mongo, TestArticles.create(web, author, "Written during an outage"));
            assertThat(topic.settle(event -> id.equals(event.key()), Duration.ofSeconds(2)))
                    .isEmpty();

            relay.start();

            assertThat(topic.await(event -> id.equals(event.key()), 1, WAIT)).hasSize(1);
            assertThat(topic.settle(event -> id.equals(event.key()), Duration.ofSeconds(2)))
                    .hasSize(1);
        }
    }
}
