package dev.newsroom.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EventContractsTest {

    /** The test-only event type under src/test/resources/contracts/; it keeps the checks below non-empty. */
    static final String SAMPLE = "newsroom.test.sample.v1";

    static final String VALID_SAMPLE = """
            {"sampleId": "2f9c1d4e-8b7a-4c3d-9e2f-1a0b3c4d5e6f", "title": "Hello", "count": 1,
             "occurredAt": "2025-01-15T10:30:00Z"}
            """;

    /** The published contract folders (tests run in the module directory) and the test-only ones. */
    static final List<Path> SCHEMA_FOLDERS =
            List.of(Path.of("schemas"), Path.of("src/test/resources/contracts/schemas"));

    static final List<Path> EXAMPLE_FOLDERS =
            List.of(Path.of("examples"), Path.of("src/test/resources/contracts/examples"));

    static Stream<String> eventTypes() {
        return EventContracts.knownEventTypes().stream();
    }

    @Nested
    class TheContractFolder {

        @Test
        void knownEventTypesIncludeTheTestSampleSoTheChecksBelowRunOnSomething() {
            assertThat(EventContracts.knownEventTypes()).contains(SAMPLE);
        }

        @Test
        void everySchemaFileIsOnTheClasspathAsAKnownEventType() throws IOException {
            List<String> files = fileNames(SCHEMA_FOLDERS);
            assertThat(files).isNotEmpty();
            assertThat(files)
                    .allSatisfy(file -> assertThat(file)
                            .as("schema file names are <ce_type>.schema.json")
                            .matches("newsroom(\\.[a-z][a-z0-9-]*)+\\.v[0-9]+\\.schema\\.json"));
            assertThat(EventContracts.knownEventTypes())
                    .containsExactlyInAnyOrderElementsOf(files.stream()
                            .map(file -> file.replace(".schema.json", ""))
                            .toList());
        }

        @Test
        void everyExampleFileBelongsToAnEventTypeWithASchema() throws IOException {
            assertThat(fileNames(EXAMPLE_FOLDERS))
                    .isNotEmpty()
                    .allSatisfy(file -> assertThat(file).endsWith(".json"))
                    .allSatisfy(file ->
                            assertThat(EventContracts.knownEventTypes()).contains(file.replaceFirst("\\.json$", "")));
        }

        @ParameterizedTest
        @MethodSource("dev.newsroom.contracts.EventContractsTest#eventTypes")
        void everySchemaIsDraft202012AndTitledWithItsType(String ceType) throws IOException {
            try (InputStream in = resource("contracts/schemas/" + ceType + ".schema.json")) {
                JsonNode schema = JsonMapper.shared().readTree(in);
                assertThat(schema.path("$schema").asString()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
                assertThat(schema.path("title").asString()).isEqualTo(ceType);
            }
        }

        @ParameterizedTest
        @MethodSource("dev.newsroom.contracts.EventContractsTest#eventTypes")
        void everySchemaHasAnExampleThatValidatesAgainstIt(String ceType) {
            String example = EventContracts.example(ceType);

            assertThatCode(() -> EventContracts.assertValid(ceType, example)).doesNotThrowAnyException();
        }
    }

    @Nested
    class Validation {

        @Test
        void validDocumentHasNoViolations() {
            assertThat(EventContracts.violations(SAMPLE, VALID_SAMPLE)).isEmpty();
            assertThatCode(() -> EventContracts.assertValid(SAMPLE, VALID_SAMPLE))
                    .doesNotThrowAnyException();
        }

        @Test
        void missingRequiredFieldIsReportedByName() {
            String json = VALID_SAMPLE.replace("\"title\": \"Hello\",", "");

            assertThat(EventContracts.violations(SAMPLE, json))
                    .singleElement()
                    .asString()
                    .startsWith("/title: ")
                    .contains("required");
            assertThatThrownBy(() -> EventContracts.assertValid(SAMPLE, json))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining(SAMPLE)
                    .hasMessageContaining("title");
        }

        @Test
        void wrongTypeIsReportedByName() {
            String json = VALID_SAMPLE.replace("\"count\": 1", "\"count\": \"one\"");

            assertThat(EventContracts.violations(SAMPLE, json))
                    .singleElement()
                    .asString()
                    .startsWith("/count: ")
                    .contains("integer");
        }

        @Test
        void everyViolationIsReportedAtOnce() {
            String json = VALID_SAMPLE
                    .replace("\"title\": \"Hello\",", "")
                    .replace("\"count\": 1", "\"count\": \"one\"")
                    .replace("\"occurredAt\"", "\"tags\": [7], \"occurredAt\"");

            assertThatThrownBy(() -> EventContracts.assertValid(SAMPLE, json))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContainingAll("/title: ", "/count: ", "/tags/0: ");
        }

        @Test
        void formatsAreAsserted() {
            String json = VALID_SAMPLE
                    .replace("2f9c1d4e-8b7a-4c3d-9e2f-1a0b3c4d5e6f", "42")
                    .replace("2025-01-15T10:30:00Z", "yesterday");

            assertThat(EventContracts.violations(SAMPLE, json))
                    .hasSize(2)
                    .anySatisfy(message -> assertThat(message).startsWith("/sampleId: "))
                    .anySatisfy(message -> assertThat(message).startsWith("/occurredAt: "));
        }

        @Test
        void unknownFieldIsRejectedWhenTheSchemaSaysSo() {
            String json = VALID_SAMPLE.replace("\"count\": 1", "\"count\": 1, \"extra\": true");

            assertThat(EventContracts.violations(SAMPLE, json))
                    .singleElement()
                    .asString()
                    .startsWith("/extra: ");
        }

        @Test
        void malformedJsonIsAViolationNotACrash() {
            assertThat(EventContracts.violations(SAMPLE, "{\"title\": "))
                    .singleElement()
                    .asString()
                    .contains("not valid JSON");
        }

        @Test
        void eventTypeWithoutSchemaFailsWithTheExpectedFileName() {
            assertThatThrownBy(() -> EventContracts.assertValid("newsroom.nothing.here.v1", "{}"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("No schema for event type 'newsroom.nothing.here.v1'")
                    .hasMessageContaining("contracts/schemas/newsroom.nothing.here.v1.schema.json");
        }

        @Test
        void somethingThatIsNotAnEventTypeIsRejected() {
            assertThatThrownBy(() -> EventContracts.violations("../schemas/x", "{}"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Not an event type");
        }
    }

    @Nested
    class Examples {

        @Test
        void exampleReturnsThePublishedText() {
            assertThat(EventContracts.example(SAMPLE)).contains("\"title\": \"A sample event\"");
        }

        @Test
        void exampleOfAnUnknownTypeFailsWithTheExpectedFileName() {
            assertThatThrownBy(() -> EventContracts.example("newsroom.nothing.here.v1"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("contracts/examples/newsroom.nothing.here.v1.json");
        }
    }

    @Nested
    class AsyncApiDocument {

        static final Map<String, String> TOPICS_AND_CLEANUP = Map.of(
                "newsroom.users.v1", "delete",
                "newsroom.articles.v1", "delete",
                "newsroom.comments.v1", "delete",
                "newsroom.article-views.v1", "delete",
                "newsroom.trending.v1", "compact",
                "newsroom.alerts.v1", "compact");

        @Test
        void isAsyncApi3AndDescribesTheSixTopicsWithTheirCleanupPolicy() throws IOException {
            Map<String, Object> doc = asyncApi();

            assertThat(doc).containsEntry("asyncapi", "3.0.0");
            Map<String, Object> channels = map(doc, "channels");
            assertThat(channels.values().stream()
                            .map(channel -> (String) ((Map<?, ?>) channel).get("address"))
                            .toList())
                    .containsExactlyInAnyOrderElementsOf(TOPICS_AND_CLEANUP.keySet());
            for (Object value : channels.values()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> channel = (Map<String, Object>) value;
                Map<String, Object> kafka = map(map(channel, "bindings"), "kafka");
                assertThat(kafka).containsEntry("topic", channel.get("address"));
                assertThat(map(kafka, "topicConfiguration"))
                        .containsEntry("cleanup.policy", List.of(TOPICS_AND_CLEANUP.get(channel.get("address"))));
            }
        }

        @Test
        void everyChannelIsSentByExactlyOneOperation() throws IOException {
            Map<String, Object> doc = asyncApi();

            List<String> sentChannels = map(doc, "operations").values().stream()
                    .map(operation -> (Map<?, ?>) operation)
                    .filter(operation -> "send".equals(operation.get("action")))
                    .map(operation -> (String) ((Map<?, ?>) operation.get("channel")).get("$ref"))
                    .toList();
            assertThat(sentChannels)
                    .containsExactlyInAnyOrderElementsOf(map(doc, "channels").keySet().stream()
                            .map(id -> "#/channels/" + id)
                            .toList());
        }

        @Test
        void cloudEventsTraitRequiresEveryBinaryModeHeader() throws IOException {
            Map<String, Object> trait = map(map(map(asyncApi(), "components"), "messageTraits"), "cloudEventsBinary");

            assertThat(map(trait, "headers"))
                    .extractingByKey("required")
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                    .containsExactlyInAnyOrder(
                            "ce_specversion", "ce_id", "ce_source", "ce_type", "ce_time", "ce_subject", "content-type");
        }

        @Test
        void documentedMessagesAndPublishedSchemasMatch() throws IOException {
            // Vacuous until services add their event types; from then on it keeps the two in step.
            List<String> messageNames = map(map(asyncApi(), "components"), "messages").values().stream()
                    .map(message -> (String) ((Map<?, ?>) message).get("name"))
                    .toList();
            List<String> publishedTypes = fileNames(List.of(Path.of("schemas"))).stream()
                    .map(file -> file.replace(".schema.json", ""))
                    .toList();

            assertThat(messageNames)
                    .as("components.messages names in asyncapi.yaml")
                    .containsExactlyInAnyOrderElementsOf(publishedTypes);
        }

        private Map<String, Object> asyncApi() throws IOException {
            try (InputStream in = resource("contracts/asyncapi.yaml")) {
                return new Yaml().load(in);
            }
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> map(Map<String, Object> parent, String key) {
            Object value = parent.get(key);
            return value == null ? Map.of() : (Map<String, Object>) value;
        }
    }

    private static InputStream resource(String name) {
        InputStream in = EventContractsTest.class.getClassLoader().getResourceAsStream(name);
        assertThat(in).as("classpath resource %s", name).isNotNull();
        return in;
    }

    private static List<String> fileNames(List<Path> folders) throws IOException {
        List<String> names = new ArrayList<>();
        for (Path folder : folders) {
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.list(folder)) {
                    files.map(path -> path.getFileName().toString()).forEach(names::add);
                }
            }
        }
        return names;
    }
}
