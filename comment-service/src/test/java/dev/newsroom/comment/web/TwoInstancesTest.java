package dev.newsroom.comment.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.comment.Articles;
import dev.newsroom.comment.Articles.TestArticle;
import dev.newsroom.comment.CommentServiceApplication;
import dev.newsroom.comment.CommentServiceTest;
import dev.newsroom.platform.security.TestTokens;
import dev.newsroom.platform.web.OwnNettyResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * A second instance of the service beside the test's own, on the same store and broker, as {@code
 * docker compose --scale comment-service=2} would run them.
 */
@CommentServiceTest
class TwoInstancesTest {

    @Autowired
    WebTestClient first;

    @Autowired
    ReactiveMongoTemplate mongo;

    ConfigurableApplicationContext secondInstance;
    WebTestClient second;
    Articles articles;

    @BeforeEach
    void startSecondInstance() {
        articles = new Articles(mongo);
        secondInstance = new SpringApplicationBuilder(
                        CommentServiceApplication.class, TestTokens.Verification.class, OwnNettyResources.class)
                .properties("server.port=0", "newsroom.comments.per-minute=1000")
                .run();
        int port = ((WebServerApplicationContext) secondInstance).getWebServer().getPort();
        second = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    @AfterEach
    void stopSecondInstance() {
        secondInstance.close();
        articles.close();
    }

    @Test
    void commentIdsStayUniqueWhenBothInstancesWriteAtOnce() throws Exception {
        TestArticle article = articles.live(TestTokens.newUser().id());
        ExecutorService writers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Long>> posts = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                WebTestClient instance = i % 2 == 0 ? first : second;
                TestTokens.User user = TestTokens.newUser();
                String body = "Comment number " + i;
                posts.add(writers.submit(() -> post(instance, article, user, body)));
            }
            Set<Long> ids = new HashSet<>();
            for (Future<Long> post : posts) {
                ids.add(post.get());
            }
            assertThat(ids).hasSize(120);
        } finally {
            writers.shutdownNow();
        }
    }

    @Test
    void aSubscriberOnOneInstanceReceivesACommentPostedThroughTheOther() throws Exception {
        TestArticle article = articles.live(TestTokens.newUser().id());
        TestTokens.User reader = TestTokens.newUser();
        try (CommentStreams stream = new CommentStreams(second, article.slug())) {
            stream.postUntilStreamed(attempt -> post(first, article, reader, "Warm-up " + attempt));

            long id = post(first, article, reader, "Posted on the first instance.");

            CommentStreams.Received received =
                    stream.next(event -> event.comment().path("id").asLong() == id, Duration.ofSeconds(30));
            assertThat(received.name()).isEqualTo("comment-posted");
            assertThat(received.comment().path("body").asString()).isEqualTo("Posted on the first instance.");
        }
    }

    private static long post(WebTestClient instance, TestArticle article, TestTokens.User user, String body) {
        byte[] response = instance.post()
                .uri("/api/articles/{slug}/comments", article.slug())
                .header(HttpHeaders.AUTHORIZATION, user.authorization())
                .bodyValue(Map.of("comment", Map.of("body", body)))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody()
                .returnResult()
                .getResponseBody();
        return JsonMapper.shared().readTree(response).path("comment").path("id").asLong();
    }
}
