package dev.newsroom.contracts;

import dev.newsroom.contracts.BreakingChange.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compares the released contracts ({@code contracts/released/}: the schemas and AsyncAPI document as last
 * released) with the current ones ({@code contracts/schemas/}, {@code contracts/asyncapi.yaml}), and lists
 * every breaking change.
 *
 * <p>Why: a released event type is a promise to consumers outside this repository. It may evolve
 * compatibly ({@link SchemaCompatibility} says what that means), but it must not disappear, be renamed
 * or move to another topic: those are new event types ({@code .v2}) published beside the old one until
 * its consumers have moved. The contracts module's tests run this check, so a breaking change fails
 * {@code ./mvnw verify} and names the field.
 *
 * <p>Both folders have the same layout: {@code schemas/<ce_type>.schema.json} and {@code asyncapi.yaml}.
 * Event types in the current folder that were never released are not checked: they may still change
 * freely until they are copied into the baseline.
 */
public final class ContractEvolution {

    private static final String SCHEMAS = "schemas";
    private static final String SCHEMA_SUFFIX = ".schema.json";
    private static final String ASYNCAPI = "asyncapi.yaml";

    private ContractEvolution() {}

    /**
     * The breaking changes from the contracts in {@code released} to those in {@code current}, by event
     * type; empty when every released event type is still published, on the same topics, with a
     * compatible schema.
     *
     * @throws IllegalArgumentException when {@code released} has no schemas or no {@code asyncapi.yaml}: a
     *     missing baseline would pass every change
     */
    public static List<BreakingChange> check(Path released, Path current) {
        List<String> releasedSchemas = schemaFiles(released.resolve(SCHEMAS));
        Path releasedAsyncApi = released.resolve(ASYNCAPI);
        if (releasedSchemas.isEmpty() || !Files.isRegularFile(releasedAsyncApi)) {
            throw new IllegalArgumentException("No released contracts in " + released.toAbsolutePath() + ": expected "
                    + SCHEMAS + "/*" + SCHEMA_SUFFIX + " and " + ASYNCAPI);
        }
        List<BreakingChange> changes = new ArrayList<>();
        Set<String> removed = new TreeSet<>();
        for (String file : releasedSchemas) {
            String eventType = file.substring(0, file.length() - SCHEMA_SUFFIX.length());
            Path now = current.resolve(SCHEMAS).resolve(file);
            if (!Files.isRegularFile(now)) {
                removed.add(eventType);
                changes.add(new BreakingChange(
                        eventType,
                        "$",
                        Kind.EVENT_TYPE_REMOVED,
                        SCHEMAS + "/" + file
                                + " is gone; a released event type stays until its consumers have moved, and a renamed"
                                + " or changed one is a new version beside it"));
                continue;
            }
            JsonNode before = read(eventType, released.resolve(SCHEMAS).resolve(file), changes);
            JsonNode after = read(eventType, now, changes);
            if (before != null && after != null) {
                changes.addAll(SchemaCompatibility.compare(eventType, before, after));
            }
        }
        changes.addAll(topicChanges(releasedAsyncApi, current.resolve(ASYNCAPI), removed));
        return List.copyOf(changes);
    }

    /** The message for a failing build: every change on its own line, then what to do about it. */
    public static String report(List<BreakingChange> changes) {
        StringBuilder report = new StringBuilder(changes.size() + " breaking change(s) to released event contracts:");
        changes.forEach(change -> report.append("\n  - ").append(change));
        return report.append("\nA released event type may only change compatibly. For this change publish a new")
                .append(" version (<ce_type>.v2) beside the released one instead; see contracts/README.md,")
                .append(" \"Evolution\".")
                .toString();
    }

    private static List<BreakingChange> topicChanges(Path releasedAsyncApi, Path currentAsyncApi, Set<String> removed) {
        Map<String, Set<String>> before = AsyncApiTopics.topicsByEventType(releasedAsyncApi);
        Map<String, Set<String>> after =
                Files.isRegularFile(currentAsyncApi) ? AsyncApiTopics.topicsByEventType(currentAsyncApi) : Map.of();
        List<BreakingChange> changes = new ArrayList<>();
        before.forEach((eventType, topics) -> {
            if (removed.contains(eventType)) {
                return; // already reported once, from its schema
            }
            Set<String> now = after.get(eventType);
            if (now == null) {
                changes.add(new BreakingChange(
                        eventType,
                        "$",
                        Kind.EVENT_TYPE_REMOVED,
                        "no longer a message in " + ASYNCAPI + " (it was sent to " + String.join(", ", topics) + ")"));
            } else if (!now.containsAll(topics)) {
                changes.add(new BreakingChange(
                        eventType,
                        "$",
                        Kind.TOPIC_CHANGED,
                        "was sent to "
                                + String.join(", ", topics) + ", now to " + String.join(", ", now)
                                + " in " + ASYNCAPI + "; consumers subscribed to the old topic would lose it"));
            }
        });
        return changes;
    }

    private static JsonNode read(String eventType, Path file, List<BreakingChange> changes) {
        try {
            return JsonMapper.shared().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JacksonException e) {
            changes.add(new BreakingChange(
                    eventType, "$", Kind.NOT_CHECKABLE, file + " is not valid JSON: " + e.getOriginalMessage()));
            return null;
        }
    }

    private static List<String> schemaFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(SCHEMA_SUFFIX))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
