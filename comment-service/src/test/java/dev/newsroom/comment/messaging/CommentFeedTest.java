package dev.newsroom.comment.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.platform.messaging.CloudEventHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The feed hands each change to every subscriber of its article, also to one still busy with the
 * previous change, as the live stream is while it looks a comment up. ScaleOutIT found comments
 * missing from a stream on a just-restarted instance, whose lookups were slow.
 */
class CommentFeedTest {

    private final CommentFeed feed = new CommentFeed(JsonMapper.builder().build(), null);

    @Test
    void aSubscriberStillBusyWithOneChangeReceivesTheChangesThatArriveMeanwhile() throws Exception {
        CompletableFuture<List<Long>> received = feed.under("article-1")
                .concatMap(change -> Mono.delay(Duration.ofMillis(100)).thenReturn(change.commentId()))
                .take(3)
                .collectList()
                .toFuture();

        for (long id = 1; id <= 3; id++) {
            feed.accept(posted("article-1", id));
        }

        assertThat(received.get(5, TimeUnit.SECONDS)).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aSubscriberReceivesOnlyItsArticlesChanges() throws Exception {
        CompletableFuture<List<Long>> received = feed.under("article-1")
                .map(CommentFeed.Change::commentId)
                .take(2)
                .collectList()
                .toFuture();

        feed.accept(posted("article-1", 1));
        feed.accept(posted("article-2", 2));
        feed.accept(posted("article-1", 3));

        assertThat(received.get(5, TimeUnit.SECONDS)).containsExactly(1L, 3L);
    }

    private static Message<byte[]> posted(String articleId, long commentId) {
        String data = "{\"articleId\":\"" + articleId + "\",\"commentId\":" + commentId + "}";
        return MessageBuilder.withPayload(data.getBytes(StandardCharsets.UTF_8))
                .setHeader(CloudEventHeaders.Attribute.TYPE.header(), "newsroom.comment.posted.v1")
                .build();
    }
}
