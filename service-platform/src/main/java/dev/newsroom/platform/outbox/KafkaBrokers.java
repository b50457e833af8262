package dev.newsroom.platform.outbox;

import java.util.List;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * Which Kafka brokers a service talks to, from its configuration alone. Free of spring-kafka types,
 * so services that use plain kafka-clients (trending-service) can load it too.
 */
public final class KafkaBrokers {

    private static final Bindable<List<String>> STRINGS = Bindable.listOf(String.class);

    private KafkaBrokers() {}

    /**
     * The binder's brokers, else Boot's; a broker without a port gets the binder's default port, and
     * with nothing configured it is the binder's own default, so the relay and the binder always
     * talk to the same cluster.
     */
    public static String of(Binder binder) {
        List<String> brokers = binder.bind("spring.cloud.stream.kafka.binder.brokers", STRINGS)
                .orElseGet(() ->
                        binder.bind("spring.kafka.bootstrap-servers", STRINGS).orElse(List.of("localhost")));
        int defaultPort = binder.bind("spring.cloud.stream.kafka.binder.default-broker-port", Integer.class)
                .orElse(9092);
        return brokers.stream()
                .map(String::trim)
                .map(broker -> broker.contains(":") ? broker : broker + ":" + defaultPort)
                .collect(Collectors.joining(","));
    }
}
