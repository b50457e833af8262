package dev.newsroom.article.messaging;

import dev.newsroom.article.article.ArticleEvents;
import dev.newsroom.platform.outbox.OutboxEvent;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes one {@code ArticleViewed} per single-article read, best effort. A read only offers the
 * view to a bounded queue and returns; one background thread hands views to the Kafka producer,
 * which batches them. A slow or absent broker therefore never slows or fails a read: the queue fills
 * and further views are dropped (and counted) until the broker is back. Losing views is acceptable;
 * losing article events is not, which is why those go through the outbox instead.
 *
 * <p>The read's thread only queues what was read, by whom and when; the background thread hashes
 * the viewer and writes the event, with one {@link Mac} of its own. Done on the read's thread, a new
 * {@code Mac} per read and the event's JSON were 2-3 % of a hot story read's CPU.
 */
public final class ArticleViews implements SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ArticleViews.class);
    private static final String SOURCE = "/newsroom/article-service";

    private final Producer<String, byte[]> producer;
    private final BlockingQueue<View> queue;
    private final JsonMapper json;
    private final Clock clock;
    private final SecretKeySpec salt;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean running;
    private Thread sender;

    public ArticleViews(Producer<String, byte[]> producer, int capacity, String salt, JsonMapper json, Clock clock) {
        this.producer = producer;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.json = json;
        this.clock = clock;
        this.salt = new SecretKeySpec(salt.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        newMac(); // a salt the algorithm refuses stops the start, not the sender thread
    }

    /**
     * Records a read of {@code articleId} by whoever {@code viewer} identifies (a user id, or an
     * address and user agent). Only a salted hash of it leaves the service.
     */
    public void viewed(String articleId, String viewer) {
        if (!queue.offer(new View(articleId, viewer, clock.instant().truncatedTo(ChronoUnit.MILLIS)))) {
            dropped.incrementAndGet();
        }
    }

    /** A read waiting to be sent, as the reading thread saw it. */
    private record View(String articleId, String viewer, Instant at) {}

    /** A {@code Mac} keyed with the salt, for the one thread that uses it. */
    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(salt);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** HMAC-SHA256 with the configured salt: stable for one viewer, meaningless without the salt. */
    private static String viewerKey(Mac mac, String viewer) {
        byte[] digest = mac.doFinal(viewer.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 16);
    }

    public long dropped() {
        return dropped.get();
    }

    public long failed() {
        return failed.get();
    }

    @Override
    public void start() {
        running = true;
        sender = new Thread(this::send, "article-views");
        sender.setDaemon(true);
        sender.start();
    }

    private void send() {
        Mac mac = newMac();
        while (running || !queue.isEmpty()) {
            try {
                View read = queue.poll(200, TimeUnit.MILLISECONDS);
                if (read != null) {
                    OutboxEvent view =
                            ArticleEvents.viewed(read.articleId(), viewerKey(mac, read.viewer()), read.at(), json);
                    producer.send(view.toProducerRecord(SOURCE), (metadata, error) -> {
                        if (error != null && failed.getAndIncrement() % 1000 == 0) {
                            log.warn(
                                    "Article views are not reaching Kafka ({} lost so far): {}",
                                    failed.get(),
                                    error.toString());
                        }
                    });
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // A producer that cannot fetch metadata in time throws here; that view is lost.
                if (failed.getAndIncrement() % 1000 == 0) {
                    log.warn("Article views are not reaching Kafka ({} lost so far): {}", failed.get(), e.toString());
                }
            }
        }
    }

    /** Sends what is queued, then stops; a later {@link #start()} (a resumed context) sends again. */
    @Override
    public void stop() {
        running = false;
        try {
            sender.join(Duration.ofSeconds(3).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.flush();
    }

    @Override
    public void destroy() {
        producer.close(Duration.ofSeconds(2));
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
