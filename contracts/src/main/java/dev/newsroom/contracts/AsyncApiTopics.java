package dev.newsroom.contracts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads which topics each event type is sent to from an AsyncAPI 3 document such as {@code
 * contracts/asyncapi.yaml}: a channel's {@code address} is the Kafka topic, its {@code messages} refer to
 * {@code components.messages}, and a message's {@code name} is the {@code ce_type}.
 *
 * <p>Why: consumers subscribe by topic, so a released event type that disappears from the document, or
 * moves to another topic, is lost to them even when its schema is unchanged. {@link ContractEvolution}
 * compares these maps of the released and current documents.
 */
public final class AsyncApiTopics {

    private static final String MESSAGE_PREFIX = "#/components/messages/";

    private AsyncApiTopics() {}

    /** Each {@code ce_type} of the document with the topic addresses of the channels that carry it, sorted. */
    public static Map<String, Set<String>> topicsByEventType(Path asyncApiYaml) {
        JsonNode document;
        try {
            document = YAMLMapper.shared().readTree(Files.readString(asyncApiYaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(asyncApiYaml + " is not valid YAML: " + e.getOriginalMessage(), e);
        }
        JsonNode messages = document.path("components").path("messages");
        Map<String, Set<String>> topics = new TreeMap<>();
        for (JsonNode channel : document.path("channels")) {
            String address = channel.path("address").asString();
            for (JsonNode message : channel.path("messages")) {
                String ref = message.path("$ref").asString("");
                JsonNode definition = ref.startsWith(MESSAGE_PREFIX)
                        ? messages.path(ref.substring(MESSAGE_PREFIX.length()))
                        : message;
                String name = definition.path("name").asString("");
                if (!name.isEmpty()) {
                    topics.computeIfAbsent(name, type -> new TreeSet<>()).add(address);
                }
            }
        }
        topics.replaceAll((type, addresses) -> Collections.unmodifiableSet(addresses));
        return Collections.unmodifiableMap(topics);
    }
}
