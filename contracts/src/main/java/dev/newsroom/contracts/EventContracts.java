package dev.newsroom.contracts;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;

/**
 * Checks event data against the published contracts: the JSON Schema {@code
 * contracts/schemas/<ce_type>.schema.json} and the example {@code contracts/examples/<ce_type>.json} on
 * the classpath.
 *
 * <p>Producer tests call {@link #assertValid} on what they emit; consumer tests parse {@link #example}
 * into their own records.
 */
public final class EventContracts {

    private static final String SCHEMAS = "contracts/schemas/";
    private static final String EXAMPLES = "contracts/examples/";
    private static final String SCHEMA_SUFFIX = ".schema.json";
    private static final Pattern CE_TYPE = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*\\.v[0-9]+");

    // Format assertions on (2020-12 treats "format" as a mere annotation by default): a producer that
    // emits "publishedAt": "yesterday" for a date-time field should fail its test.
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(
                    SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    private static final Set<String> PARENT_KEYWORDS =
            Set.of("required", "additionalProperties", "unevaluatedProperties", "dependentRequired");

    private static final Map<String, Schema> SCHEMA_CACHE = new ConcurrentHashMap<>();

    private EventContracts() {}

    /** The violations of {@code json} against the schema of {@code ceType}; empty when valid. */
    public static List<String> violations(String ceType, String json) {
        Schema schema = SCHEMA_CACHE.computeIfAbsent(checkedName(ceType), EventContracts::loadSchema);
        List<Error> errors;
        try {
            errors = schema.validate(json, InputFormat.JSON);
        } catch (JacksonException e) {
            return List.of("(root): not valid JSON: " + e.getOriginalMessage());
        }
        return errors.stream().map(EventContracts::describe).toList();
    }

    /** Throws an {@link AssertionError} listing every violation when {@code json} does not match. */
    public static void assertValid(String ceType, String json) {
        List<String> violations = violations(ceType, json);
        if (!violations.isEmpty()) {
            throw new AssertionError("Event data does not match the contract of " + ceType + ":\n  - "
                    + String.join("\n  - ", violations) + "\nData: " + json);
        }
    }

    /** The example event data of {@code ceType}, as published in {@code contracts/examples/}. */
    public static String example(String ceType) {
        String resource = EXAMPLES + checkedName(ceType) + ".json";
        try (InputStream in = classLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No example for event type '" + ceType + "': expected " + resource
                        + " on the classpath (file contracts/examples/" + ceType + ".json)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The event types that have a schema on the classpath, sorted. */
    public static Set<String> knownEventTypes() {
        try {
            Set<String> types = new TreeSet<>();
            for (URL root : Collections.list(classLoader().getResources(SCHEMAS))) {
                for (String file : fileNames(root)) {
                    if (file.endsWith(SCHEMA_SUFFIX)) {
                        types.add(file.substring(0, file.length() - SCHEMA_SUFFIX.length()));
                    }
                }
            }
            return Collections.unmodifiableSet(types);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Schema loadSchema(String ceType) {
        String resource = SCHEMAS + ceType + SCHEMA_SUFFIX;
        if (classLoader().getResource(resource) == null) {
            throw new IllegalArgumentException("No schema for event type '" + ceType + "': expected " + resource
                    + " on the classpath (file contracts/schemas/" + ceType + SCHEMA_SUFFIX
                    + " in the contracts module). Known types: " + knownEventTypes());
        }
        Schema schema = REGISTRY.getSchema(SchemaLocation.of("classpath:" + resource));
        // Resolve $refs now, so a broken schema fails on first use rather than halfway through a document.
        schema.initializeValidators();
        return schema;
    }

    private static String checkedName(String ceType) {
        if (ceType == null || !CE_TYPE.matcher(ceType).matches()) {
            throw new IllegalArgumentException(
                    "Not an event type: '" + ceType + "' (expected e.g. newsroom.article.published.v1)");
        }
        return ceType;
    }

    /** A message that starts with the JSON Pointer of the offending field, e.g. {@code /tags/0: ...}. */
    private static String describe(Error error) {
        String pointer = error.getInstanceLocation().toString();
        // For these keywords the instance location is the parent object; point at the field itself.
        if (PARENT_KEYWORDS.contains(error.getKeyword()) && error.getProperty() != null) {
            pointer = pointer + "/" + error.getProperty();
        }
        return (pointer.isEmpty() ? "(root)" : pointer) + ": " + error.getMessage();
    }

    /** Names of the files directly under a classpath directory, whether it is a folder or inside a jar. */
    private static List<String> fileNames(URL directory) throws IOException {
        switch (directory.getProtocol()) {
            case "file" -> {
                try (Stream<Path> files = Files.list(Path.of(directory.toURI()))) {
                    return files.map(path -> path.getFileName().toString()).toList();
                } catch (URISyntaxException e) {
                    throw new IOException(e);
                }
            }
            case "jar" -> {
                JarURLConnection connection = (JarURLConnection) directory.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    return jar.stream()
                            .map(JarEntry::getName)
                            .filter(name -> name.startsWith(SCHEMAS) && name.indexOf('/', SCHEMAS.length()) < 0)
                            .map(name -> name.substring(SCHEMAS.length()))
                            .collect(Collectors.toList());
                }
            }
            default -> throw new IOException("Cannot list " + directory);
        }
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : EventContracts.class.getClassLoader();
    }
}
