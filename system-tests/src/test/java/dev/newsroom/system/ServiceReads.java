package dev.newsroom.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * What one service module takes from its surroundings, read from its sources rather than listed in a
 * test: the environment variables its application.yml reads ({@code ${VAR:default}}) and those its
 * code and service-platform's read by name (the tracing and log variables), the Kafka topics its
 * configuration names, and its consumer groups.
 *
 * @param placeholders variables of {@code ${VAR:default}} placeholders in application.yml
 * @param codeVariables variables read by name in the module's or service-platform's main code
 * @param topics topic names in application.yml (bindings, dead-letter topics, the topics it writes)
 * @param groups consumer groups named in application.yml
 */
record ServiceReads(
        String module, Set<String> placeholders, Set<String> codeVariables, Set<String> topics, Set<String> groups) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):");

    /** A string literal that names a variable: upper case words joined by underscores. */
    private static final Pattern VARIABLE_LITERAL = Pattern.compile("\"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\"");

    private static final Pattern TOPIC = Pattern.compile("newsroom\\.[a-z-]+\\.v\\d+(?:\\.[a-z-]+\\.dlq)?");

    static ServiceReads of(Path root, String module) {
        var yml = read(root.resolve(module).resolve("src/main/resources/application.yml"));
        var placeholders = new TreeSet<String>();
        PLACEHOLDER.matcher(yml).results().forEach(match -> placeholders.add(match.group(1)));
        var codeVariables = new TreeSet<String>();
        for (var sources : Stream.of(module, "service-platform")
                .map(name -> root.resolve(name).resolve("src/main/java"))
                .toList()) {
            javaFiles(sources)
                    .forEach(file -> VARIABLE_LITERAL
                            .matcher(read(file))
                            .results()
                            .forEach(match -> codeVariables.add(match.group(1))));
        }
        var topics = new TreeSet<String>();
        var groups = new TreeSet<String>();
        walk(new Yaml().load(yml), null, topics, groups);
        return new ServiceReads(module, placeholders, codeVariables, topics, groups);
    }

    /** The addresses of the channels of contracts/asyncapi.yaml: the topics that are a public contract. */
    static Set<String> contractTopics(Path root) {
        Map<?, ?> document = new Yaml().load(read(root.resolve("contracts/asyncapi.yaml")));
        var topics = new TreeSet<String>();
        if (document.get("channels") instanceof Map<?, ?> channels) {
            channels.values().forEach(channel -> {
                if (channel instanceof Map<?, ?> map && map.get("address") != null) {
                    topics.add(String.valueOf(map.get("address")));
                }
            });
        }
        return topics;
    }

    /** Every variable the process reads by name, from its configuration or its code. */
    Set<String> variables() {
        var all = new TreeSet<>(placeholders);
        all.addAll(codeVariables);
        return all;
    }

    private static void walk(Object node, String key, Set<String> topics, Set<String> groups) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, String.valueOf(k), topics, groups));
        } else if (node instanceof Iterable<?> items) {
            items.forEach(item -> walk(item, key, topics, groups));
        } else if (node != null) {
            var text = String.valueOf(node);
            if ("group".equals(key)) {
                groups.add(text);
            }
            for (var part : text.split("[,\\s]+")) {
                if (TOPIC.matcher(part).matches()) {
                    topics.add(part);
                }
            }
        }
    }

    private static Stream<Path> javaFiles(Path sources) {
        if (!Files.isDirectory(sources)) {
            return Stream.empty();
        }
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(file -> file.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
