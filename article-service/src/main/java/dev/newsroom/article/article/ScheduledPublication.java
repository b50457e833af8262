package dev.newsroom.article.article;

import dev.newsroom.article.ArticleServiceProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Publishes scheduled stories when their time comes: every instance looks for due stories every
 * {@code newsroom.articles.schedule-check-interval} (and at once when it starts, so a story that
 * fell due while every instance was down goes live at the next start). Publication is a conditional
 * update on the version read ({@link Workflow#publishDue}), so however many instances find a story
 * due at the same moment, exactly one publishes it and one {@code ArticlePublished} is emitted.
 */
@Component
class ScheduledPublication implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ScheduledPublication.class);
    /** Due stories taken per look; more are taken at the next. */
    static final int BATCH = 100;

    private final ArticleRepository articles;
    private final Workflow workflow;
    private final Clock clock;
    private final Duration interval;
    private volatile ScheduledExecutorService scheduler;

    ScheduledPublication(
            ArticleRepository articles, Workflow workflow, Clock clock, ArticleServiceProperties properties) {
        this.articles = articles;
        this.workflow = workflow;
        this.clock = clock;
        this.interval = properties.scheduleCheckInterval();
    }

    /** Publishes what is due now; returns how many stories this call published. */
    long publishDue() {
        Instant now = clock.instant();
        Long published = articles.due(now, BATCH)
                .concatMap(due -> workflow.publishDue(due, now))
                .count()
                .block(Duration.ofSeconds(30));
        if (published != null && published > 0) {
            log.info("Published {} scheduled stories", published);
        }
        return published == null ? 0 : published;
    }

    private void publishQuietly() {
        try {
            publishDue();
        } catch (RuntimeException failure) {
            log.warn("Could not publish the scheduled stories; trying again in {}", interval, failure);
        }
    }

    @Override
    public synchronized void start() {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "scheduled-publication");
                thread.setDaemon(true);
                return thread;
            });
            scheduler.scheduleWithFixedDelay(this::publishQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
