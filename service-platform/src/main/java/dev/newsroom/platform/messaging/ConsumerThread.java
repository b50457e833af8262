package dev.newsroom.platform.messaging;

import java.time.Duration;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A Kafka consumer polling on a thread of its own, started and stopped with the application: {@link
 * #stop()} turns {@link #running()} false, wakes the poll of the consumer the thread said it polls
 * with ({@link #polling}), and waits a bounded time for the thread to finish. A JVM that exits anyway
 * need not wait for it (daemon thread).
 *
 * <p>For the consumers a service polls itself rather than through a Spring Cloud Stream binding:
 * trending-service's ingest loop and standings exchange, and every {@link CompactedTopicReader}.
 * Here so that each of them stops the same way, promptly, and none has to write the thread again.
 */
public abstract class ConsumerThread implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConsumerThread.class);

    private final String threadName;
    private final Duration stopWait;
    private volatile boolean running;
    private volatile Thread thread;
    private volatile KafkaConsumer<?, ?> consumer;

    protected ConsumerThread(String threadName, Duration stopWait) {
        this.threadName = threadName;
        this.stopWait = stopWait;
    }

    /** The thread's work: polls while {@link #running()}, and closes its consumer when it ends. */
    protected abstract void run();

    /** Called by {@link #run()} with the consumer it polls (null once closed), for stop() to wake. */
    protected final void polling(KafkaConsumer<?, ?> current) {
        consumer = current;
    }

    protected final boolean running() {
        return running;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        KafkaConsumer<?, ?> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        Thread worker = thread;
        if (worker != null) {
            try {
                worker.join(stopWait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Waits before trying again (a back-off); returns early, interrupted, when the thread is stopped. */
    protected static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes a consumer without waiting long for a broker that may be gone already. */
    public static void closeQuickly(KafkaConsumer<?, ?> consumer) {
        try {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        } catch (RuntimeException failure) {
            log.debug("Closing a consumer failed", failure);
        }
    }
}
