package dev.newsroom.platform.messaging;

import dev.newsroom.platform.messaging.KafkaBacklogMeters.WatchedGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * What a service's {@link KafkaBacklogMeters} watch, from its configuration alone: every Spring Cloud
 * Stream input binding with a group ({@code spring.cloud.stream.bindings.<name>.group} on its {@code
 * destination}), the groups of its own kafka-clients consumers ({@code
 * newsroom.kafka-backlog.groups[i].group} and {@code .topics}), and its dead-letter topics ({@code
 * newsroom.dead-letters.topics}). A binding without a group (each instance reading for itself from the
 * latest record, as a live feed does) has no backlog worth watching.
 */
record WatchedGroups(List<WatchedGroup> groups, List<String> deadLetterTopics, Duration interval, boolean enabled) {

    /** A binding as far as the backlog cares: where it reads and as which group. */
    record StreamBinding(String destination, String group) {}

    static WatchedGroups from(Binder binder) {
        List<WatchedGroup> groups = new ArrayList<>();
        Map<String, StreamBinding> bindings = binder.bind(
                        "spring.cloud.stream.bindings", Bindable.mapOf(String.class, StreamBinding.class))
                .orElse(Map.of());
        bindings.values().stream()
                .filter(binding -> binding.group() != null && !binding.group().isBlank())
                .filter(binding ->
                        binding.destination() != null && !binding.destination().isBlank())
                .map(binding -> new WatchedGroup(binding.group(), topics(binding.destination())))
                .forEach(groups::add);
        groups.addAll(binder.bind("newsroom.kafka-backlog.groups", Bindable.listOf(WatchedGroup.class))
                .orElse(List.of()));
        List<String> deadLetterTopics = binder.bind("newsroom.dead-letters.topics", Bindable.listOf(String.class))
                .orElse(List.of());
        Duration interval =
                binder.bind("newsroom.kafka-backlog.interval", Duration.class).orElse(Duration.ofSeconds(15));
        boolean enabled =
                binder.bind("newsroom.kafka-backlog.enabled", Boolean.class).orElse(true);
        return new WatchedGroups(List.copyOf(groups), deadLetterTopics, interval, enabled);
    }

    boolean anything() {
        return enabled && (!groups.isEmpty() || !deadLetterTopics.isEmpty());
    }

    private static List<String> topics(String destination) {
        return Arrays.stream(destination.split(","))
                .map(String::trim)
                .filter(topic -> !topic.isEmpty())
                .toList();
    }
}
