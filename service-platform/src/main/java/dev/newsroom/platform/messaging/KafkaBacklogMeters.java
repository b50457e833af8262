package dev.newsroom.platform.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * How far behind a service's consumer groups are, and how many dead letters wait, as gauges an
 * operator alerts on: for every watched group and partition the records not yet processed ({@code
 * newsroom.consumer.lag}) and the age of the oldest of them ({@code newsroom.consumer.oldest.age},
 * seconds); for every dead-letter topic the letters not re-driven yet ({@code
 * newsroom.deadletters.waiting}).
 *
 * <p>Measured from outside the groups, every {@code interval}, on a thread of its own: the committed
 * offsets against the topics' ends, and the time of the record at the committed offset. So it works
 * the same for Spring Cloud Stream bindings and for plain kafka-clients consumers, whichever instance
 * holds a partition, and even while no instance is running. Every instance of a service reports the
 * same figures for its groups (take the {@code max} across instances). A partition the group never
 * committed on counts from the topic's start, as a new group that reads from the earliest record
 * would; a dead letter is waiting until the re-drive group ({@code <topic>.redrive}, see {@link
 * dev.newsroom.platform.deadletter.DeadLetters}) has passed it.
 */
public final class KafkaBacklogMeters implements SmartLifecycle, DisposableBean {

    /** A consumer group and the topics it reads. */
    public record WatchedGroup(String group, List<String> topics) {}

    /** Where one group stands on one partition. */
    record PartitionBacklog(TopicPartition partition, long lag, double oldestAgeSeconds) {}

    private static final Logger log = LoggerFactory.getLogger(KafkaBacklogMeters.class);

    private final String brokers;
    private final List<WatchedGroup> groups;
    private final List<String> deadLetterTopics;
    private final Duration interval;
    private final Duration timeout;
    private final Clock clock;
    private final MultiGauge lag;
    private final MultiGauge oldestAge;
    private final MultiGauge deadLetters;
    /** The last reading of each group that could be read; a group that fails keeps its last one. */
    private final Map<String, List<PartitionBacklog>> readings = new ConcurrentHashMap<>();

    private ScheduledExecutorService executor;
    private TopicOffsets offsets;
    private volatile boolean running;

    public KafkaBacklogMeters(
            String brokers,
            List<WatchedGroup> groups,
            List<String> deadLetterTopics,
            Duration interval,
            Duration timeout,
            Clock clock,
            MeterRegistry registry) {
        this.brokers = brokers;
        this.groups = List.copyOf(groups);
        this.deadLetterTopics = List.copyOf(deadLetterTopics);
        this.interval = interval;
        this.timeout = timeout;
        this.clock = clock;
        this.lag = MultiGauge.builder("newsroom.consumer.lag")
                .description("Records of a partition that the consumer group has not processed yet")
                .register(registry);
        this.oldestAge = MultiGauge.builder("newsroom.consumer.oldest.age")
                .description("Seconds since the oldest record the consumer group has not processed yet was "
                        + "written; 0 when it is caught up")
                .baseUnit("seconds")
                .register(registry);
        this.deadLetters = MultiGauge.builder("newsroom.deadletters.waiting")
                .description("Dead letters not re-driven yet")
                .register(registry);
    }

    /** Reads every watched group once and updates the gauges; what cannot be read keeps its last reading. */
    public void measure() {
        if (offsets == null) {
            offsets = new TopicOffsets(brokers, timeout);
        }
        Instant now = clock.instant();
        for (WatchedGroup watched : groups) {
            read(watched.group(), watched.topics(), now);
        }
        for (String topic : deadLetterTopics) {
            read(redriveGroup(topic), List.of(topic), now);
        }
        publish();
    }

    private void read(String group, List<String> topics, Instant now) {
        try {
            readings.put(group, backlog(group, topics, now));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.debug("Could not read where consumer group {} stands: {}", group, e.toString());
        }
    }

    /** Where {@code group} stands on every partition of {@code topics}. */
    List<PartitionBacklog> backlog(String group, List<String> topics, Instant now) throws Exception {
        Map<TopicPartition, Long> committed = offsets.committed(group);
        Set<TopicPartition> partitions = new LinkedHashSet<>(offsets.partitions(topics));
        committed.keySet().stream()
                .filter(partition -> topics.contains(partition.topic()))
                .forEach(partitions::add);
        Map<TopicPartition, Long> beginnings = offsets.beginnings(partitions);
        Map<TopicPartition, Long> ends = offsets.ends(partitions);
        List<PartitionBacklog> backlog = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            long first = beginnings.getOrDefault(partition, 0L);
            long next = Math.max(committed.getOrDefault(partition, first), first);
            long behind = Math.max(0, ends.getOrDefault(partition, next) - next);
            double age = behind == 0
                    ? 0
                    : offsets.timeOf(partition, next)
                            .map(written ->
                                    Math.max(0, Duration.between(written, now).toMillis() / 1000.0))
                            .orElse(0.0);
            backlog.add(new PartitionBacklog(partition, behind, age));
        }
        return backlog;
    }

    private void publish() {
        List<MultiGauge.Row<?>> lags = new ArrayList<>();
        List<MultiGauge.Row<?>> ages = new ArrayList<>();
        for (WatchedGroup watched : groups) {
            for (PartitionBacklog reading : readings.getOrDefault(watched.group(), List.of())) {
                Tags tags = Tags.of(
                        "group", watched.group(),
                        "topic", reading.partition().topic(),
                        "partition", String.valueOf(reading.partition().partition()));
                lags.add(MultiGauge.Row.of(tags, reading.lag()));
                ages.add(MultiGauge.Row.of(tags, reading.oldestAgeSeconds()));
            }
        }
        List<MultiGauge.Row<?>> letters = new ArrayList<>();
        for (String topic : deadLetterTopics) {
            long waiting = readings.getOrDefault(redriveGroup(topic), List.of()).stream()
                    .mapToLong(PartitionBacklog::lag)
                    .sum();
            letters.add(MultiGauge.Row.of(Tags.of("topic", topic), waiting));
        }
        lag.register(lags, true);
        oldestAge.register(ages, true);
        deadLetters.register(letters, true);
    }

    private static String redriveGroup(String deadLetterTopic) {
        return deadLetterTopic + ".redrive";
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "kafka-backlog");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::measureQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        running = true;
    }

    private void measureQuietly() {
        try {
            measure();
        } catch (RuntimeException e) {
            log.debug("Kafka backlog not measured: {}", e.toString());
        }
    }

    @Override
    public void stop() {
        running = false;
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void destroy() {
        stop();
        if (offsets != null) {
            offsets.close();
        }
    }
}
