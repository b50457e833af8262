package dev.newsroom.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The build's guard on the public event contracts: the current {@code schemas/} and {@code asyncapi.yaml}
 * must be a compatible evolution of the released ones in {@code released/} (see {@code README.md},
 * "Evolution"). Tests run in the module folder.
 */
class ReleasedContractsTest {

    static final Path RELEASED = Path.of("released");
    static final Path CURRENT = Path.of("");

    @Test
    void theCurrentContractsAreACompatibleEvolutionOfTheReleasedOnes() {
        List<BreakingChange> changes = ContractEvolution.check(RELEASED, CURRENT);

        assertThat(changes)
                .withFailMessage(() -> ContractEvolution.report(changes))
                .isEmpty();
    }

    @Test
    void everyReleasedSchemaIsTitledWithTheTypeItsFileNames() throws IOException {
        try (Stream<Path> files = Files.list(RELEASED.resolve("schemas"))) {
            assertThat(files.toList()).isNotEmpty().allSatisfy(file -> {
                String name = file.getFileName().toString();
                assertThat(name).endsWith(".schema.json");
                assertThat(JsonMapper.shared()
                                .readTree(Files.readString(file))
                                .path("title")
                                .asString())
                        .isEqualTo(name.replace(".schema.json", ""));
            });
        }
    }

    @Test
    void everyReleasedTypeIsInTheReleasedAsyncApiDocument() throws IOException {
        try (Stream<Path> files = Files.list(RELEASED.resolve("schemas"))) {
            assertThat(AsyncApiTopics.topicsByEventType(RELEASED.resolve("asyncapi.yaml"))
                            .keySet())
                    .containsExactlyInAnyOrderElementsOf(
                            files.map(file -> file.getFileName().toString().replace(".schema.json", ""))
                                    .toList());
        }
    }
}
