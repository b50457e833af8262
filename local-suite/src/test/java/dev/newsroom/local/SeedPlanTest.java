package dev.newsroom.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SeedPlanTest {

    private final DemoContent demo = DemoContent.standard();

    private static SeedJournal.Entry begun(String key) {
        return new SeedJournal.Entry(SeedJournal.Event.BEGUN, key, null);
    }

    private static SeedJournal.Entry done(String key, String result) {
        return new SeedJournal.Entry(SeedJournal.Event.DONE, key, result);
    }

    private static List<String> keys(SeedPlan plan) {
        return plan.steps().stream().map(SeedPlan.Step::key).toList();
    }

    @Test
    void anEmptyJournalPlansEveryWriteOnceInDependencyOrderWithNothingToLookUp() {
        SeedPlan plan = SeedPlan.of(demo, List.of(), false);

        int views = demo.views().stream().mapToInt(DemoContent.View::times).sum();
        assertThat(plan.steps())
                .hasSize(demo.users().size() * 2
                        + demo.articles().size()
                        + demo.follows().size()
                        + demo.favourites().size()
                        + demo.comments().size()
                        + views
                        + demo.drafts().size()
                        + (int) demo.drafts().stream()
                                .filter(DemoContent.Draft::submitted)
                                .count());
        assertThat(keys(plan)).doesNotHaveDuplicates();
        assertThat(plan.steps()).noneMatch(SeedPlan.Step::uncertain);
        List<String> keys = keys(plan);
        assertThat(keys.indexOf("user:amara")).isLessThan(keys.indexOf("article:solar"));
        assertThat(keys.indexOf("article:nightbus")).isLessThan(keys.indexOf("comment:nb1"));
        assertThat(keys.indexOf("comment:nb1")).isLessThan(keys.indexOf("comment:nb2"));
        assertThat(keys.indexOf("draft:insulation")).isLessThan(keys.indexOf("submit:insulation"));
        assertThat(keys).doesNotContain("submit:ferrytimes");
        assertThat(plan.complete()).isFalse();
    }

    @Test
    void aStepDoneEarlierIsSkippedAndItsResultKeptForTheStepsThatNeedIt() {
        SeedPlan plan = SeedPlan.of(
                demo,
                List.of(begun("article:solar"), done("article:solar", "rooftop-solar-abc"), begun("user:mei")),
                false);

        assertThat(keys(plan)).doesNotContain("article:solar").contains("article:library");
        assertThat(plan.results()).containsEntry("article:solar", "rooftop-solar-abc");
    }

    @Test
    void aStepBegunButNotRecordedAsDoneIsLookedUpBeforeItIsWritten() {
        SeedPlan plan = SeedPlan.of(demo, List.of(begun("article:swim"), begun("comment:nb2")), false);

        assertThat(plan.steps())
                .filteredOn(SeedPlan.Step::uncertain)
                .extracting(SeedPlan.Step::key)
                .containsExactly("article:swim", "comment:nb2");
    }

    @Test
    void aViewThatMayHaveBeenSentIsNotSentAgain() {
        SeedPlan plan = SeedPlan.of(demo, List.of(done("view:nightbus:1", null), begun("view:nightbus:2")), false);

        assertThat(keys(plan))
                .doesNotContain("view:nightbus:1", "view:nightbus:2")
                .contains("view:nightbus:3");
    }

    @Test
    void aCompleteJournalLeavesNothingToDo() {
        SeedPlan plan = SeedPlan.of(
                demo,
                List.of(done("user:editor", null), new SeedJournal.Entry(SeedJournal.Event.COMPLETE, null, null)),
                false);

        assertThat(plan.steps()).isEmpty();
        assertThat(plan.complete()).isTrue();
    }

    @Test
    void dataSeededBeforeTheJournalExistedIsLookedUpEverywhereAndGetsNoViews() {
        SeedPlan plan = SeedPlan.of(demo, List.of(), true);

        assertThat(plan.steps()).allMatch(SeedPlan.Step::uncertain);
        assertThat(plan.steps()).noneMatch(step -> step.kind() == SeedPlan.Kind.VIEW);
    }

    @Test
    void wavesKeepArticlesInOrderAndEachArticlesCommentsInOrderAndLetTheRestRunSideBySide() {
        List<List<List<SeedPlan.Step>>> waves =
                SeedPlan.of(demo, List.of(), false).waves();

        assertThat(waves).hasSize(8);
        assertThat(waves.get(7))
                .as("a story is submitted after the wave that writes it as a draft")
                .extracting(lane -> lane.get(0).key())
                .containsExactly("submit:insulation");
        assertThat(waves.get(0)).hasSize(demo.users().size()).allMatch(lane -> lane.size() == 1);
        assertThat(waves.get(2))
                .singleElement()
                .satisfies(lane -> assertThat(lane)
                        .extracting(SeedPlan.Step::key)
                        .containsExactlyElementsOf(demo.articles().stream()
                                .map(article -> "article:" + article.key())
                                .toList()));
        assertThat(waves.get(4))
                .anySatisfy(lane -> assertThat(lane)
                        .extracting(SeedPlan.Step::key)
                        .containsExactly("comment:nb1", "comment:nb2", "comment:nb3", "comment:nb4"));
        assertThat(waves.stream().flatMap(List::stream).mapToInt(List::size).sum())
                .isEqualTo(SeedPlan.of(demo, List.of(), false).steps().size());
    }
}
