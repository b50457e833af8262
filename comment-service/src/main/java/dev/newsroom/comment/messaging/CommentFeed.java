package dev.newsroom.comment.messaging;

import dev.newsroom.platform.messaging.EventMessages;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every comment change of every instance, for the live streams of this one: binding {@code
 * commentFeed-in-0} reads {@code newsroom.comments.v1} in an anonymous consumer group of its own,
 * from the newest record, so each instance sees all comment events whichever instance wrote them.
 *
 * <p>The feed never blocks the binder: a subscriber that falls more than a buffer behind misses
 * changes (the stream is a live view; the list endpoint is the record). A record it cannot read is skipped, not
 * dead-lettered: this consumer only decorates, and the durable consumers of the topic judge it.
 */
@Component("commentFeed")
public class CommentFeed implements Consumer<Message<byte[]>> {

    private static final Logger log = LoggerFactory.getLogger(CommentFeed.class);

    /** A comment changed under an article: what happened ({@code ce_type}) and the event's data. */
    public record Change(String type, String articleId, long commentId, JsonNode data) {}

    /** How many changes one subscriber may fall behind before it misses the oldest. */
    static final int SUBSCRIBER_BUFFER = 256;

    private final Sinks.Many<Change> changes = Sinks.many().multicast().directBestEffort();
    private final Sinks.Empty<Void> closing = Sinks.empty();
    private final JsonMapper json;
    private final ApplicationContext context;

    CommentFeed(JsonMapper json, ApplicationContext context) {
        this.json = json;
        this.context = context;
    }

    @Override
    public void accept(Message<byte[]> message) {
        String type = EventMessages.type(message.getHeaders());
        if (type == null || !type.startsWith("newsroom.comment.")) {
            return;
        }
        try {
            JsonNode data = json.readTree(message.getPayload());
            String articleId = data.path("articleId").asString(null);
            long commentId = data.path("commentId").asLong(0);
            if (articleId == null || commentId <= 0) {
                log.debug("Skipping a comment event without articleId or commentId");
                return;
            }
            // Serialised by the binder's single consumer thread, so emitNext is never called concurrently.
            changes.tryEmitNext(new Change(type, articleId, commentId, data));
        } catch (JacksonException unreadable) {
            log.debug("Skipping an unreadable comment event: {}", unreadable.getOriginalMessage());
        }
    }

    /**
     * The changes under one article from now on; completes when the service shuts down. Each
     * subscriber gets a buffer of its own ({@link #SUBSCRIBER_BUFFER} changes, the oldest dropped
     * past that): the sink hands a change only to subscribers that asked for one at that moment, and
     * a stream that looks each comment up before sending it asks for the next only once the lookup is
     * done, so without the buffer a second comment arriving during that lookup (a few milliseconds, far
     * more on a busy or just-started instance) was silently lost to it.
     */
    public Flux<Change> under(String articleId) {
        return changes.asFlux()
                .filter(change -> change.articleId().equals(articleId))
                .onBackpressureBuffer(
                        SUBSCRIBER_BUFFER,
                        dropped -> log.debug("A live stream fell behind; dropped comment {}", dropped.commentId()),
                        BufferOverflowStrategy.DROP_OLDEST)
                .takeUntilOther(closing.asMono());
    }

    /** Ends every {@link #under} at the end of the service, so graceful shutdown need not wait for open streams. */
    @EventListener
    void close(ContextClosedEvent event) {
        // Child contexts (the binder's, for one) publish their closing to this one too: only ours counts.
        if (event.getApplicationContext() == context) {
            closing.tryEmitEmpty();
        }
    }
}
