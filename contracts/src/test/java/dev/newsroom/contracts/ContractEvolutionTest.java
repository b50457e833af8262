package dev.newsroom.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.newsroom.contracts.BreakingChange.Kind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ContractEvolution} over two small contract folders, {@code src/test/resources/evolution/folders/}
 * {@code released/} and {@code current/}: kept.v1 gained an optional field and got a kept.v2 (fine),
 * renamed.v1 became retitled.v1, moved.v1 moved to another topic, undocumented.v1 left the AsyncAPI
 * document, and narrowed.v1 no longer accepts null in a field.
 */
class ContractEvolutionTest {

    static final Path FOLDERS = Path.of("src/test/resources/evolution/folders");

    @Test
    void reportsEveryReleasedTypeThatWasRemovedRenamedMovedOrNarrowedAndNothingElse() {
        List<BreakingChange> changes = ContractEvolution.check(FOLDERS.resolve("released"), FOLDERS.resolve("current"));

        assertThat(changes)
                .extracting(BreakingChange::eventType, BreakingChange::kind, BreakingChange::path)
                .containsExactlyInAnyOrder(
                        tuple("newsroom.test.renamed.v1", Kind.EVENT_TYPE_REMOVED, "$"),
                        tuple("newsroom.test.moved.v1", Kind.TOPIC_CHANGED, "$"),
                        tuple("newsroom.test.undocumented.v1", Kind.EVENT_TYPE_REMOVED, "$"),
                        tuple("newsroom.test.narrowed.v1", Kind.TYPE_NARROWED, "$.note"));
    }

    @Test
    void saysWhereTheMissingTypeAndTheMovedTypeWent() {
        List<BreakingChange> changes = ContractEvolution.check(FOLDERS.resolve("released"), FOLDERS.resolve("current"));

        assertThat(changes)
                .extracting(BreakingChange::eventType, BreakingChange::detail)
                .anySatisfy(change -> assertThat(change.toList())
                        .containsExactly(
                                "newsroom.test.renamed.v1",
                                "schemas/newsroom.test.renamed.v1.schema.json is gone; a released event type stays"
                                        + " until its consumers have moved, and a renamed or changed one is a new"
                                        + " version beside it"))
                .anySatisfy(change -> assertThat(change.toList())
                        .containsExactly(
                                "newsroom.test.moved.v1",
                                "was sent to newsroom.first.v1, now to newsroom.second.v1 in asyncapi.yaml;"
                                        + " consumers subscribed to the old topic would lose it"))
                .anySatisfy(change -> assertThat(change.toList())
                        .containsExactly(
                                "newsroom.test.undocumented.v1",
                                "no longer a message in asyncapi.yaml (it was sent to newsroom.first.v1)"));
    }

    @Test
    void unchangedContractsHaveNoBreakingChange() {
        Path released = FOLDERS.resolve("released");

        assertThat(ContractEvolution.check(released, released)).isEmpty();
    }

    @Test
    void theReportNamesEachFieldAndWhatToDo() {
        List<BreakingChange> changes = ContractEvolution.check(FOLDERS.resolve("released"), FOLDERS.resolve("current"));

        assertThat(ContractEvolution.report(changes))
                .startsWith("4 breaking change(s) to released event contracts:\n  - ")
                .contains("\n  - newsroom.test.narrowed.v1 $.note: type narrowed: no longer accepts null")
                .contains("new version (<ce_type>.v2)")
                .contains("contracts/README.md");
    }

    @Test
    void aMissingBaselineIsAnErrorNotAPass(@TempDir Path empty) {
        assertThatThrownBy(() -> ContractEvolution.check(empty, FOLDERS.resolve("current")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No released contracts");
    }

    @Test
    void asyncApiTopicsFollowChannelMessageReferencesToTheirNames() {
        Map<String, Set<String>> topics =
                AsyncApiTopics.topicsByEventType(FOLDERS.resolve("current").resolve("asyncapi.yaml"));

        assertThat(topics)
                .containsEntry("newsroom.test.kept.v2", Set.of("newsroom.first.v1"))
                .containsEntry("newsroom.test.moved.v1", Set.of("newsroom.second.v1"))
                .hasSize(5);
    }
}
