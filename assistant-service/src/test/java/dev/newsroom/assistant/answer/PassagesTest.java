package dev.newsroom.assistant.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.assistant.SampleArticles;
import java.util.List;
import org.junit.jupiter.api.Test;

class PassagesTest {

    @Test
    void eachParagraphIsAPassageWhoseOffsetsPointIntoTheBody() {
        List<Passage> passages = Passages.of(SampleArticles.BRIDGE, 400);

        assertThat(passages).hasSize(5);
        for (int i = 0; i < passages.size(); i++) {
            Passage passage = passages.get(i);
            assertThat(passage.index()).isEqualTo(i);
            assertThat(SampleArticles.BRIDGE.substring(passage.start(), passage.end()))
                    .isEqualTo(passage.text());
            assertThat(passage.text()).isEqualTo(passage.text().strip());
        }
        assertThat(passages.get(1).text()).startsWith("The repair cost 48 million euros");
    }

    @Test
    void headingsAreNotPassages() {
        assertThat(Passages.of(SampleArticles.BRIDGE, 400))
                .noneMatch(passage -> passage.text().contains("The bill"));
    }

    @Test
    void longParagraphsAreCutBetweenSentencesNeverInsideOne() {
        String body = "First sentence is here. Second sentence follows it. Third one ends the paragraph.\n\nNext.";

        List<Passage> passages = Passages.of(body, 60);

        assertThat(passages)
                .extracting(Passage::text)
                .containsExactly(
                        "First sentence is here. Second sentence follows it.",
                        "Third one ends the paragraph.",
                        "Next.");
        assertThat(passages)
                .allSatisfy(passage -> assertThat(body.substring(passage.start(), passage.end()))
                        .isEqualTo(passage.text()));
    }

    @Test
    void aSentenceLongerThanTheLimitStaysWhole() {
        String sentence = "This one sentence runs on and on, well past the limit that passages are cut at.";

        assertThat(Passages.of(sentence, 40)).extracting(Passage::text).containsExactly(sentence);
    }

    @Test
    void windowsLineEndsAndBlankBodiesAreHandled() {
        assertThat(Passages.of("One.\r\n\r\nTwo.", 400))
                .extracting(Passage::text)
                .containsExactly("One.", "Two.");
        assertThat(Passages.of("", 400)).isEmpty();
        assertThat(Passages.of("  \n\n ", 400)).isEmpty();
        assertThat(Passages.of(null, 400)).isEmpty();
    }
}
