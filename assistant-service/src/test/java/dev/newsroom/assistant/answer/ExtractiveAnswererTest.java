package dev.newsroom.assistant.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.assistant.AssistantServiceProperties;
import dev.newsroom.assistant.SampleArticles;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The extractive answerer on articles written for the test, with questions whose right passage is
 * known, and questions the article cannot answer. Runs with the service's default rules.
 */
class ExtractiveAnswererTest {

    static final AssistantServiceProperties.Retrieval DEFAULTS =
            new AssistantServiceProperties.Retrieval(400, 2, 0.5, 0.2, 0.6);

    final PassageRanker ranker = new PassageRanker();
    final ExtractiveAnswerer answerer = new ExtractiveAnswerer(DEFAULTS);

    Answer ask(String body, String question) {
        return answerer.answer(ranker.rank(Passages.of(body, DEFAULTS.maxPassageChars()), question));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "How much did the repair cost?                     | 48 million euros",
                "Who is the chief engineer?                        | Marta Olsen",
                "How many cables were replaced?                    | all 112 cables",
                "How many passengers used the ferry?               | 9,000 passengers",
                "When will cyclists get their own lane?            | separate lane on the eastern side",
                "who paid for the repairs                          | regional government",
                "When did the bridge reopen?                       | reopened to traffic on Monday"
            })
    void bridgeQuestionsAreAnsweredFromTheRightPassage(String question, String expected) {
        Answer answer = ask(SampleArticles.BRIDGE, question);

        assertThat(answer.answered()).as(question).isTrue();
        assertThat(answer.answerer()).isEqualTo("extractive");
        assertThat(answer.passages()).isNotEmpty().hasSizeLessThanOrEqualTo(2);
        assertThat(best(SampleArticles.BRIDGE, question)).as(question).contains(expected);
        assertThat(answer.text()).contains(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "How many people signed the petition?                | 3,000 people",
                "Until what time is the library open on weekdays?    | until midnight on weekdays",
                "Will the longer hours become permanent?             | become permanent",
                "When does the café close?                           | 8 pm as usual",
                "What are the weekend opening hours?                 | from 10 am to 6 pm",
                "For how many weeks will the longer hours run?       | six weeks"
            })
    void libraryQuestionsAreAnsweredFromTheRightPassage(String question, String expected) {
        Answer answer = ask(SampleArticles.LIBRARY, question);

        assertThat(answer.answered()).as(question).isTrue();
        assertThat(best(SampleArticles.LIBRARY, question)).as(question).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "What did the mayor say about the new stadium?",
                "Will drivers pay a toll to cross?",
                "Did the ferry company go bankrupt?",
                "Is the bridge painted red?",
                "What about it?",
                "?",
                "Who won the election in Denmark?"
            })
    void questionsTheBridgeArticleCannotAnswerGetAnHonestNo(String question) {
        Answer answer = ask(SampleArticles.BRIDGE, question);

        assertThat(answer.answered()).as(question).isFalse();
        assertThat(answer.text()).isEqualTo("The article does not say.");
        assertThat(answer.passages()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "How much does a library card cost?",
                "Who is the head of the culture department?",
                "Can I bring my dog?",
                "What is the wifi password?"
            })
    void questionsTheLibraryArticleCannotAnswerGetAnHonestNo(String question) {
        assertThat(ask(SampleArticles.LIBRARY, question).answered())
                .as(question)
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Why was the marathon moved?", "Why was it moved?", "What flooded the route?"})
    void aOneParagraphArticleStillAnswersDespiteItsTinyBm25Scores(String question) {
        Answer answer = ask(SampleArticles.MARATHON, question);

        assertThat(answer.answered()).as(question).isTrue();
        assertThat(answer.text()).isEqualTo(SampleArticles.MARATHON);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Who will host the next Olympic games?", "How much did the tickets cost?"})
    void aOneParagraphArticleStillSaysWhatItDoesNotAnswer(String question) {
        assertThat(ask(SampleArticles.MARATHON, question).answered())
                .as(question)
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void anEmptyArticleAnswersNothing(String body) {
        assertThat(ask(body, "How much did the repair cost?").answered()).isFalse();
    }

    @org.junit.jupiter.api.Test
    void passagesThatAnswerAlmostAsWellAreQuotedTooInArticleOrder() {
        // Engineers appear in the first and the third paragraph, and do something in both.
        Answer answer = ask(SampleArticles.BRIDGE, "What did the engineers do?");

        assertThat(answer.answered()).isTrue();
        List<Answer.Quote> quotes = answer.passages();
        assertThat(quotes).extracting(Answer.Quote::index).containsExactly(0, 2);
        assertThat(quotes).allSatisfy(quote -> {
            assertThat(quote.score()).isPositive();
            assertThat(SampleArticles.BRIDGE.substring(quote.start(), quote.end()))
                    .isEqualTo(quote.text());
        });
        assertThat(answer.text())
                .isEqualTo(quotes.get(0).text() + "\n\n" + quotes.get(1).text());
    }

    @org.junit.jupiter.api.Test
    void questionWordsAndStemsAreAnalysedLikeTheArticle() {
        assertThat(ranker.terms("When did the bridges reopen?")).containsExactly("bridg", "reopen");
        assertThat(ranker.terms("Engineers replaced cables")).containsExactly("engin", "replac", "cabl");
    }

    /** The text of the best-ranked passage. */
    private String best(String body, String question) {
        return ranker.rank(Passages.of(body, DEFAULTS.maxPassageChars()), question)
                .passages()
                .get(0)
                .passage()
                .text();
    }
}
