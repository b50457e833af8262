package dev.newsroom.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.newsroom.contracts.BreakingChange.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Each rule of {@link SchemaCompatibility} on a small pair of schemas, {@code
 * src/test/resources/evolution/pairs/<case>.json} = {@code {"released": ..., "current": ...}}: the breaking
 * ones are reported, once, with their rule and the path of the field; the compatible ones are not.
 */
class SchemaCompatibilityTest {

    static final String TYPE = "newsroom.test.pair.v1";

    /** Fixture, rule, path: one breaking change per fixture. */
    static final String BREAKING = """
            property-removed                        | PROPERTY_REMOVED             | $.title
            nested-property-removed                 | PROPERTY_REMOVED             | $.source.url
            property-with-an-odd-name-removed       | PROPERTY_REMOVED             | $['ce-id']
            optional-property-made-required         | NEWLY_REQUIRED               | $.title
            nested-property-made-required           | NEWLY_REQUIRED               | $.source.url
            array-item-property-made-required       | NEWLY_REQUIRED               | $.labels[*].expiresAt
            new-required-property                   | NEWLY_REQUIRED               | $.extra
            recursive-definition-gained-a-required-property | NEWLY_REQUIRED       | $.tree.id
            null-no-longer-allowed                  | TYPE_NARROWED                | $.labels[*].expiresAt
            number-narrowed-to-integer              | TYPE_NARROWED                | $.score
            items-constrained-where-open            | TYPE_NARROWED                | $.tags[*]
            narrowed-inside-a-definition            | TYPE_NARROWED                | $.labels[*].expiresAt
            enum-lost-a-value                       | ENUM_NARROWED                | $.status
            enum-added-to-a-free-string             | ENUM_NARROWED                | $.status
            const-changed                           | ENUM_NARROWED                | $.kind
            format-added                            | CONSTRAINT_TIGHTENED         | $.id
            pattern-changed                         | CONSTRAINT_TIGHTENED         | $.name
            max-length-lowered                      | CONSTRAINT_TIGHTENED         | $.title
            max-length-added                        | CONSTRAINT_TIGHTENED         | $.title
            min-length-raised                       | CONSTRAINT_TIGHTENED         | $.title
            minimum-raised                          | CONSTRAINT_TIGHTENED         | $.rank
            minimum-made-exclusive                  | CONSTRAINT_TIGHTENED         | $.rank
            max-items-added                         | CONSTRAINT_TIGHTENED         | $.tags
            additional-properties-closed            | ADDITIONAL_PROPERTIES_CLOSED | $
            nested-additional-properties-closed     | ADDITIONAL_PROPERTIES_CLOSED | $.source
            unknown-keyword-added                   | NOT_CHECKABLE                | $.status
            remote-reference                        | NOT_CHECKABLE                | $.source
            """;

    static final List<String> COMPATIBLE = List.of(
            "optional-property-added",
            "new-optional-object-with-required-properties",
            "type-widened-to-allow-null",
            "integer-widened-to-number",
            "enum-gained-a-value",
            "constraints-relaxed",
            "additional-properties-opened",
            "annotations-changed",
            "inline-schema-moved-to-a-definition",
            "recursive-definition-gained-an-optional-property",
            "unknown-keyword-unchanged");

    static Stream<Arguments> breaking() {
        return BREAKING.lines()
                .map(line -> line.split("\\|"))
                .map(cells -> Arguments.of(cells[0].strip(), Kind.valueOf(cells[1].strip()), cells[2].strip()));
    }

    @ParameterizedTest(name = "{0}: {1} at {2}")
    @MethodSource("breaking")
    void breakingChangeIsReportedOnceWithItsRuleAndPath(String fixture, Kind kind, String path) throws IOException {
        assertThat(compare(fixture))
                .extracting(BreakingChange::eventType, BreakingChange::kind, BreakingChange::path)
                .containsExactly(tuple(TYPE, kind, path));
    }

    @ParameterizedTest
    @FieldSource("COMPATIBLE")
    void compatibleChangeIsAllowed(String fixture) throws IOException {
        assertThat(compare(fixture)).isEmpty();
    }

    @Test
    void everyFixtureIsUsedByOneOfTheTestsAbove() throws IOException {
        // A fixture nobody asserts on would look like coverage without being any.
        List<String> used = Stream.concat(
                        breaking().map(arguments -> (String) arguments.get()[0]), COMPATIBLE.stream())
                .map(fixture -> fixture + ".json")
                .toList();
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/evolution/pairs"))) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactlyInAnyOrderElementsOf(used);
        }
    }

    @Test
    void aSchemaIsCompatibleWithItself() throws IOException {
        JsonNode schema = releasedSchema("newsroom.trending.changed.v1");

        assertThat(SchemaCompatibility.compare("newsroom.trending.changed.v1", schema, schema))
                .isEmpty();
    }

    @Test
    void everyBreakingChangeInARealSchemaIsReportedNotJustTheFirst() throws IOException {
        JsonNode released = releasedSchema("newsroom.article.published.v1");
        ObjectNode current = (ObjectNode) released.deepCopy();
        ((ObjectNode) current.get("properties")).remove("body");
        ObjectNode expiresAt = (ObjectNode) current.at("/properties/labels/items/properties/expiresAt");
        expiresAt.put("type", "string");
        ((ArrayNode) current.at("/properties/source/required")).add("url");

        List<BreakingChange> changes = SchemaCompatibility.compare("newsroom.article.published.v1", released, current);

        assertThat(changes)
                .extracting(BreakingChange::kind, BreakingChange::path)
                .containsExactlyInAnyOrder(
                        tuple(Kind.PROPERTY_REMOVED, "$.body"),
                        tuple(Kind.TYPE_NARROWED, "$.labels[*].expiresAt"),
                        tuple(Kind.NEWLY_REQUIRED, "$.source.url"));
        assertThat(changes)
                .filteredOn(change -> change.kind() == Kind.TYPE_NARROWED)
                .singleElement()
                .hasToString("newsroom.article.published.v1 $.labels[*].expiresAt: type narrowed: no longer accepts"
                        + " null (was [null, string], now string)");
    }

    @Test
    void detailSaysWhatChanged() throws IOException {
        assertThat(compare("enum-lost-a-value"))
                .singleElement()
                .extracting(BreakingChange::detail)
                .asString()
                .contains("\"held\"");
        assertThat(compare("max-length-lowered"))
                .singleElement()
                .extracting(BreakingChange::detail)
                .isEqualTo("maxLength lowered from 100 to 50");
    }

    static List<BreakingChange> compare(String fixture) throws IOException {
        String resource = "evolution/pairs/" + fixture + ".json";
        try (InputStream in = SchemaCompatibilityTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as("fixture %s", resource).isNotNull();
            JsonNode pair = JsonMapper.shared().readTree(in);
            return SchemaCompatibility.compare(TYPE, pair.get("released"), pair.get("current"));
        }
    }

    static JsonNode releasedSchema(String ceType) throws IOException {
        return JsonMapper.shared().readTree(Files.readString(Path.of("released/schemas/" + ceType + ".schema.json")));
    }
}
