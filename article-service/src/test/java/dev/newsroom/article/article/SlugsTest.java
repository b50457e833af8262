package dev.newsroom.article.article;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.platform.projection.Projections;
import org.junit.jupiter.api.Test;

class SlugsTest {

    @Test
    void titlesBecomeLowerCaseAsciiWordsJoinedByHyphens() {
        assertThat(Slugs.words("How to Train Your Dragon")).isEqualTo("how-to-train-your-dragon");
        assertThat(Slugs.words("  Ça va? Ünïcode & more!! ")).isEqualTo("ca-va-unicode-more");
        assertThat(Slugs.words("¿¡!!")).isEqualTo("article");
    }

    @Test
    void sameTitleGivesDifferentUrlSafeSlugs() {
        String first = Slugs.of("Same title");
        String second = Slugs.of("Same title");

        assertThat(first).isNotEqualTo(second).startsWith("same-title-").matches("[a-z0-9-]+");
    }

    /** Consumers wait for a slug they have not seen yet only if it has this shape (Projections.ARTICLE_SLUG). */
    @Test
    void everySlugHasTheShapeConsumersWaitFor() {
        for (String title :
                new String[] {"Same title", "¿¡!!", "  Ça va? Ünïcode & more!! ", "2026", "word ".repeat(100)}) {
            assertThat(Slugs.of(title)).matches(Projections.ARTICLE_SLUG);
        }
    }

    @Test
    void veryLongTitlesAreCut() {
        assertThat(Slugs.words("word ".repeat(100))).hasSizeLessThanOrEqualTo(Slugs.MAX_WORDS_LENGTH);
    }
}
