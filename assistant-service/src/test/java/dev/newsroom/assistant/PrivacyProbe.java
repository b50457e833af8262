package dev.newsroom.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import com.mongodb.reactivestreams.client.MongoClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.bson.Document;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;
import reactor.core.publisher.Flux;

/**
 * Looks everywhere a question or an answer could be left behind: every log line written while the
 * probe is open (with the root logger at DEBUG and the web, codec, HTTP-client, security and
 * service loggers at TRACE, louder than any deployment runs), every document of every database in
 * the store, and every record of every topic on the broker.
 */
public final class PrivacyProbe implements AutoCloseable {

    /** Loggers that see requests, bodies or answers on their way, at their loudest. */
    private static final List<String> TRACED = List.of(
            "org.springframework.web",
            "org.springframework.http",
            "org.springframework.core.codec",
            "org.springframework.security",
            "org.springframework.data.mongodb",
            "org.springframework.cloud.stream",
            "reactor.netty",
            "io.github.resilience4j",
            "org.mongodb.driver",
            "dev.newsroom");

    private final LoggingSystem logging = LoggingSystem.get(PrivacyProbe.class.getClassLoader());
    private final Map<String, LogLevel> previous = new LinkedHashMap<>();
    private final Capture capture = new Capture();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    private PrivacyProbe() {}

    /** Starts capturing every log line, with the loggers turned up. */
    public static PrivacyProbe open() {
        PrivacyProbe probe = new PrivacyProbe();
        probe.capture.setContext(probe.root.getLoggerContext());
        probe.capture.start();
        probe.root.addAppender(probe.capture);
        probe.turnUp(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.DEBUG);
        TRACED.forEach(name -> probe.turnUp(name, LogLevel.TRACE));
        return probe;
    }

    private void turnUp(String name, LogLevel level) {
        LoggerConfiguration configuration = logging.getLoggerConfiguration(name);
        previous.put(name, configuration == null ? null : configuration.getConfiguredLevel());
        logging.setLogLevel(name, level);
    }

    /** Every line captured so far, with its logger, arguments, MDC and any stack trace. */
    public List<String> logLines() {
        return List.copyOf(capture.lines);
    }

    public void assertNotLogged(String secret) {
        assertThat(logLines())
                .as("log lines containing %s", secret)
                .noneMatch(line -> containsIgnoringCase(line, secret));
    }

    @Override
    public void close() {
        previous.forEach(logging::setLogLevel);
        root.detachAppender(capture);
        capture.stop();
    }

    /** Every document of every collection of every database, as JSON. */
    public static List<String> everyDocument(MongoClient mongo) {
        List<String> documents = new ArrayList<>();
        for (String database :
                Flux.from(mongo.listDatabaseNames()).collectList().block(Duration.ofSeconds(30))) {
            var db = mongo.getDatabase(database);
            for (String collection :
                    Flux.from(db.listCollectionNames()).collectList().block(Duration.ofSeconds(30))) {
                Flux.from(db.getCollection(collection).find())
                        .map(Document::toJson)
                        .map(json -> database + "." + collection + ": " + json)
                        .toIterable()
                        .forEach(documents::add);
            }
        }
        return documents;
    }

    /** Every record (key, headers and value) of every topic on the broker, internal ones included, as text. */
    public static List<String> everyRecord(String bootstrapServers) throws Exception {
        List<TopicPartition> partitions = new ArrayList<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true))
                    .names()
                    .get();
            for (TopicDescription topic :
                    admin.describeTopics(topics).allTopicNames().get().values()) {
                topic.partitions()
                        .forEach(partition -> partitions.add(new TopicPartition(topic.name(), partition.partition())));
            }
        }
        List<String> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "privacy-probe-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class))) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!ends.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    records.add(text(record));
                }
                ends.entrySet().removeIf(end -> consumer.position(end.getKey()) >= end.getValue());
            }
            assertThat(ends).as("partitions not read to their end").isEmpty();
        }
        return records;
    }

    private static String text(ConsumerRecord<byte[], byte[]> record) {
        StringBuilder text = new StringBuilder(record.topic()).append(": ");
        if (record.key() != null) {
            text.append(new String(record.key(), StandardCharsets.UTF_8)).append(' ');
        }
        for (Header header : record.headers()) {
            text.append(header.key())
                    .append('=')
                    .append(new String(header.value(), StandardCharsets.UTF_8))
                    .append(' ');
        }
        if (record.value() != null) {
            text.append(new String(record.value(), StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    public static boolean containsIgnoringCase(String text, String secret) {
        return text.toLowerCase(Locale.ROOT).contains(secret.toLowerCase(Locale.ROOT));
    }

    /** A word no article, log or test data contains by chance, to put into a question. */
    public static String secretWord() {
        String letters = UUID.randomUUID().toString().replaceAll("[^a-f]", "");
        return "Qzx" + (letters + "abcdefghij").substring(0, 10);
    }

    private static final class Capture extends AppenderBase<ILoggingEvent> {

        private final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        protected void append(ILoggingEvent event) {
            StringBuilder line =
                    new StringBuilder(event.getLoggerName()).append(' ').append(event.getFormattedMessage());
            if (event.getArgumentArray() != null) {
                for (Object argument : event.getArgumentArray()) {
                    line.append(" | ").append(argument);
                }
            }
            if (!event.getMDCPropertyMap().isEmpty()) {
                line.append(" | mdc ")
                        .append(event.getMDCPropertyMap().entrySet().stream()
                                .map(Object::toString)
                                .collect(Collectors.joining(",")));
            }
            if (event.getThrowableProxy() != null) {
                line.append('\n').append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
            lines.add(line.toString());
        }
    }
}
