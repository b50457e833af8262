package dev.newsroom.comment.web;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A subscriber to an article's live comment stream, collecting what arrives. */
final class CommentStreams implements AutoCloseable {

    private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENT =
            new ParameterizedTypeReference<>() {};

    /** An event as received: its name and its data's {@code comment}. */
    record Received(String name, JsonNode comment) {}

    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Disposable subscription;

    CommentStreams(WebTestClient web, String slug) {
        subscription = web.get()
                .uri("/api/articles/{slug}/comments/stream", slug)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(EVENT)
                .getResponseBody()
                .filter(event -> event.event() != null)
                .subscribe(
                        event -> received.add(new Received(
                                event.event(),
                                JsonMapper.shared().readTree(event.data()).path("comment"))),
                        failed -> ended.countDown(),
                        ended::countDown);
    }

    /** Whether the server ended the stream within {@code wait}. */
    boolean ends(Duration wait) throws InterruptedException {
        return ended.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next event that matches, skipping others, or an AssertionError after {@code wait}. */
    Received next(Predicate<Received> wanted, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Received event = left > 0 ? received.poll(left, TimeUnit.NANOSECONDS) : null;
            if (event == null) {
                throw new AssertionError("no matching comment event within " + wait);
            }
            if (wanted.test(event)) {
                return event;
            }
        }
    }

    /** Whatever arrives within {@code quiet}, or null. */
    Received poll(Duration quiet) throws InterruptedException {
        return received.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Posts (with {@code post}, given an attempt number) until the stream shows one of the posts: the
     * instance's feed joins the topic at its newest record, so the very first post may precede it.
     * Returns the id of the post that arrived.
     */
    long postUntilStreamed(IntFunction<Long> post) throws InterruptedException {
        for (int attempt = 1; attempt <= 30; attempt++) {
            long id = post.apply(attempt);
            Received event = received.poll(2, TimeUnit.SECONDS);
            while (event != null) {
                if ("comment-posted".equals(event.name())) {
                    received.clear();
                    return event.comment().path("id").asLong();
                }
                event = received.poll(200, TimeUnit.MILLISECONDS);
            }
        }
        throw new AssertionError("the live stream never showed a posted comment");
    }

    @Override
    public void close() {
        subscription.dispose();
    }
}
