package dev.newsroom.platform.outbox;

import dev.newsroom.platform.tracing.MessageTraces;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.kafka.core.ProducerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes the events waiting in the {@code outbox} arrays of the configured collections and then
 * removes them, so that an event stored with its aggregate's change reaches Kafka even if the
 * service crashes right after the write.
 *
 * <p>Delivery is at least once: an event is removed only after the broker acknowledged it, so a
 * crash (or a lost removal) in between publishes it again with the same {@code ce_id}, which is why
 * every consumer deduplicates on {@code ce_id}. The events of one document are published one after
 * another in array order, each acknowledged before the next is sent, and a failure stops that
 * document until the next attempt; so one aggregate's events reach its partition in order (see
 * {@link OutboxSweep}, which does one pass, {@link OutboxDocuments}, its store operations, and
 * {@link OutboxSender}, its producer).
 *
 * <p>This class decides when to sweep: every {@code interval} and whenever a service calls {@link
 * #wakeUp()} after a write; signals that arrive while a sweep runs are folded into one more sweep.
 * All of its work runs on its own thread and on the drivers' I/O threads, never on a caller's
 * thread. If the store itself fails every sweep backs off; nothing is dropped. While one instance
 * relays a document it holds a short lease on it ({@code outboxLeaseUntil}) so that other instances
 * of the service leave it alone; correctness does not depend on the lease, it only avoids most
 * duplicates.
 */
public final class OutboxRelay implements SmartLifecycle, DisposableBean {

    static final String LEASE_FIELD = OutboxDocuments.LEASE_FIELD;

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final OutboxProperties properties;
    private final OutboxSender sender;
    private final OutboxSweep sweep;
    private final OutboxBacklog backlog;
    private final Scheduler scheduler;
    private final AtomicBoolean requested = new AtomicBoolean();
    private volatile boolean running;

    // Touched on the relay's own thread only, so they need no further locking.
    private boolean sweeping;
    private boolean backingOff;
    private boolean retryScheduled;
    private int failedSweeps;
    private Instant lastWarning = Instant.MIN;
    private Disposable ticker = Disposables.disposed();
    private Disposable backlogTicker = Disposables.disposed();
    private Runnable afterStop;

    /**
     * @param producers the relay's own producer factory (idempotent, {@code acks=all}); the relay
     *     closes it when it is destroyed
     * @param properties with the CloudEvents source resolved
     * @param registry where its meters go
     * @param traces the spans of publishing ({@link MessageTraces#OFF} for none)
     */
    OutboxRelay(
            ReactiveMongoTemplate mongo,
            ProducerFactory<String, byte[]> producers,
            OutboxProperties properties,
            MeterRegistry registry,
            MessageTraces traces) {
        this.properties = properties;
        Objects.requireNonNull(properties.source(), "newsroom.outbox.source");
        this.sender = new OutboxSender(producers, properties.source(), traces);
        this.scheduler = Schedulers.newSingle("outbox-relay", true);
        this.sweep = new OutboxSweep(
                new OutboxDocuments(mongo, properties.batchSize(), properties.deliveryTimeout()),
                sender,
                properties,
                scheduler,
                registry);
        this.backlog = new OutboxBacklog(
                mongo, properties.collections(), properties.deliveryTimeout(), Clock.systemUTC(), registry);
    }

    /**
     * Asks for a sweep soon, typically right after a write that appended events. Cheap, never
     * blocks, and safe to call from any thread (also a Netty event loop) as often as you like: calls
     * that arrive while a sweep is pending or running are folded into one sweep.
     */
    public void wakeUp() {
        if (!requested.getAndSet(true)) {
            execute(this::drain);
        }
    }

    @Override
    public void start() {
        running = true;
        // The first sweep runs at once: it relays whatever an earlier run left behind.
        execute(() -> {
            ticker.dispose();
            ticker = scheduler.schedulePeriodically(
                    this::tick, 0, properties.interval().toMillis(), TimeUnit.MILLISECONDS);
            backlogTicker.dispose();
            backlogTicker = scheduler.schedulePeriodically(
                    () -> backlog.measure().subscribe(),
                    0,
                    properties.backlogInterval().toMillis(),
                    TimeUnit.MILLISECONDS);
        });
    }

    /** Lets the sweep in progress finish, flushes the producer, then runs {@code callback}. */
    @Override
    public void stop(Runnable callback) {
        running = false;
        sweep.abandon();
        boolean accepted = execute(() -> {
            ticker.dispose();
            backlogTicker.dispose();
            if (sweeping) {
                afterStop = callback;
            } else {
                flushThen(callback);
            }
        });
        if (!accepted) {
            callback.run();
        }
    }

    @Override
    public void stop() {
        CountDownLatch stopped = new CountDownLatch(1);
        stop(stopped::countDown);
        try {
            // A sweep told to stop sends nothing new, so it ends within a delivery timeout or so.
            stopped.await(properties.deliveryTimeout().multipliedBy(3).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the web server has stopped taking requests, so that their events still go out. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    @Override
    public void destroy() throws Exception {
        scheduler.dispose();
        sender.close();
    }

    private boolean execute(Runnable task) {
        try {
            scheduler.schedule(task);
            return true;
        } catch (RejectedExecutionException shutDown) {
            // Destroyed: the events stay in their documents for the next start.
            return false;
        }
    }

    private void tick() {
        requested.set(true);
        drain();
    }

    private void drain() {
        if (!running || sweeping || backingOff || !requested.getAndSet(false)) {
            return;
        }
        sweeping = true;
        sweep.run()
                .publishOn(scheduler)
                .subscribe(this::swept, destroyed -> log.debug("Outbox relay destroyed mid-sweep"));
    }

    private void swept(OutboxOutcome outcome) {
        sweeping = false;
        if (!running) {
            log.debug("Outbox relay stopped mid-sweep; {} events wait for the next start", outcome.pending());
        } else if (outcome.failure() != null) {
            failed(outcome);
        } else if (outcome.documents() > 0 && failedSweeps > 0) {
            log.info("Outbox relay publishes again after {} failed sweeps", failedSweeps);
            failedSweeps = 0;
        }
        if (outcome.full()) {
            // More documents are waiting than one sweep takes on.
            requested.set(true);
        }
        if (afterStop != null) {
            Runnable callback = afterStop;
            afterStop = null;
            flushThen(callback);
        }
        drain();
    }

    private void failed(OutboxOutcome outcome) {
        failedSweeps++;
        Duration delay = RestingDocuments.delay(failedSweeps);
        Instant now = Instant.now();
        // Once per failure streak and then every half minute: a broker that is down for an hour
        // should not write a line per attempt.
        if (failedSweeps == 1 || !now.isBefore(lastWarning.plus(RestingDocuments.LAST_RETRY))) {
            lastWarning = now;
            log.warn(
                    "Outbox relay published {} events, {} are still pending and will be retried ({} failed sweeps "
                            + "in a row): {}",
                    outcome.published(),
                    outcome.pending(),
                    failedSweeps,
                    NestedExceptionUtils.getMostSpecificCause(outcome.failure()).toString());
        }
        log.debug("Outbox relay failure", outcome.failure());
        if (outcome.documents() == 0) {
            // Not even the look-up worked: the store is failing, so every sweep waits, wake-ups too.
            backingOff = true;
        }
        if (!retryScheduled) {
            retryScheduled = true;
            scheduler.schedule(this::retry, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void retry() {
        retryScheduled = false;
        backingOff = false;
        requested.set(true);
        drain();
    }

    private void flushThen(Runnable callback) {
        try {
            sender.flush();
        } finally {
            callback.run();
        }
    }
}
