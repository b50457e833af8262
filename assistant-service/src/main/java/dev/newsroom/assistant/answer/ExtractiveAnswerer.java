package dev.newsroom.assistant.answer;

import dev.newsroom.assistant.AssistantServiceProperties;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Answers with the article's own words: the passages that rank best for the question, or {@link
 * Answer#NOT_ANSWERED} when none is good enough. Needs nothing outside the process.
 *
 * <p>The rule for "the article does not say": the best-ranked passage must contain at least {@code
 * minCoverage} of the question's content (terms weighted by rarity, see {@link PassageRanker}) and
 * reach {@code minRelativeScore} of the BM25 score the question allows. Otherwise the answer is honest rather than the least-bad
 * passage. A question with no content terms at all ("what about it?") is not answered either. Up to
 * {@code maxPassages} passages are quoted: the best, and any other that meets the same rule and
 * scores at least {@code supportingShare} of the best; they are quoted in article order.
 */
final class ExtractiveAnswerer {

    private final AssistantServiceProperties.Retrieval rules;

    ExtractiveAnswerer(AssistantServiceProperties.Retrieval rules) {
        this.rules = rules;
    }

    Answer answer(PassageRanker.Ranking ranking) {
        List<PassageRanker.Ranked> chosen = chosen(ranking);
        if (chosen.isEmpty()) {
            return new Answer(Answer.NOT_ANSWERED, false, Answer.EXTRACTIVE, List.of());
        }
        List<Answer.Quote> quotes = chosen.stream()
                .map(ranked -> Answer.Quote.of(ranked.passage(), ranked.score()))
                .sorted(Comparator.comparingInt(Answer.Quote::index))
                .toList();
        String text = quotes.stream().map(Answer.Quote::text).collect(Collectors.joining("\n\n"));
        return new Answer(text, true, Answer.EXTRACTIVE, quotes);
    }

    /** The passages the answer quotes, best first; empty when the article does not answer. */
    List<PassageRanker.Ranked> chosen(PassageRanker.Ranking ranking) {
        if (ranking.isEmpty() || !answers(ranking.passages().get(0))) {
            return List.of();
        }
        PassageRanker.Ranked best = ranking.passages().get(0);
        List<PassageRanker.Ranked> chosen = new ArrayList<>();
        for (PassageRanker.Ranked ranked : ranking.passages()) {
            if (chosen.size() == rules.maxPassages()) {
                break;
            }
            if (ranked == best || (answers(ranked) && ranked.score() >= rules.supportingShare() * best.score())) {
                chosen.add(ranked);
            }
        }
        return chosen;
    }

    private boolean answers(PassageRanker.Ranked ranked) {
        return ranked.coverage() >= rules.minCoverage() && ranked.relativeScore() >= rules.minRelativeScore();
    }
}
