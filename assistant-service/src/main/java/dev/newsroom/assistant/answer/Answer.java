package dev.newsroom.assistant.answer;

import java.util.List;

/**
 * An answer to one question about one article. Never stored: it exists for the length of the
 * request.
 *
 * @param text the answer, or {@link #NOT_ANSWERED} when the article does not answer the question
 * @param answered whether the article answers it
 * @param answerer {@code extractive}, or {@code llm:<model>}
 * @param passages the passages the answer relies on, in article order
 */
public record Answer(String text, boolean answered, String answerer, List<Quote> passages) {

    public static final String EXTRACTIVE = "extractive";
    public static final String NOT_ANSWERED = "The article does not say.";

    public Answer {
        passages = List.copyOf(passages);
    }

    /** A passage an answer relies on, with its BM25 score for the question (0 when it did not rank). */
    public record Quote(int index, int start, int end, String text, double score) {

        static Quote of(Passage passage, double score) {
            return new Quote(passage.index(), passage.start(), passage.end(), passage.text(), score);
        }
    }
}
