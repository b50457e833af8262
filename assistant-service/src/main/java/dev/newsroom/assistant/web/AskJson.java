package dev.newsroom.assistant.web;

import dev.newsroom.assistant.answer.Answer;
import dev.newsroom.platform.web.ApiException;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON of {@code POST /api/articles/{slug}/ask}, read and written here with the mapper directly
 * rather than through Spring's codecs, which print what they decode and encode in their DEBUG and
 * TRACE log lines: the question and the answer must never reach a log.
 */
final class AskJson {

    private AskJson() {}

    /** {@code {"answer": {…}}}. */
    record AnswerEnvelope(AnswerBody answer) {}

    /** The answer as the API shows it; the same shape is the {@code done} event's data. */
    record AnswerBody(String text, boolean answered, String answerer, List<PassageBody> passages) {

        static AnswerBody of(Answer answer) {
            return new AnswerBody(
                    answer.text(),
                    answer.answered(),
                    answer.answerer(),
                    answer.passages().stream().map(PassageBody::of).toList());
        }
    }

    /** A passage the answer relies on: offsets into the article's Markdown body, and its BM25 score. */
    record PassageBody(int index, int start, int end, String text, double score) {

        static PassageBody of(Answer.Quote quote) {
            return new PassageBody(
                    quote.index(), quote.start(), quote.end(), quote.text(), Math.round(quote.score() * 1000) / 1000.0);
        }
    }

    /** The {@code token} event's data. */
    record TokenBody(String text) {}

    /**
     * The question of {@code {"question": "…"}}, checked: present, not blank, at most {@code
     * maxLength} characters (code points). Failures never quote what was sent.
     */
    static String question(JsonMapper json, byte[] body, int maxLength) {
        JsonNode request;
        try {
            request = body.length == 0 ? null : json.readTree(body);
        } catch (JacksonException malformed) {
            throw ApiException.invalid("body", "is not valid JSON for this request");
        }
        if (request == null || request.isMissingNode() || request.isNull()) {
            throw ApiException.invalid("question", "can't be blank");
        }
        if (!request.isObject()) {
            throw ApiException.invalid("body", "is not valid JSON for this request");
        }
        JsonNode question = request.path("question");
        if (question.isMissingNode() || question.isNull()) {
            throw ApiException.invalid("question", "can't be blank");
        }
        if (!question.isString()) {
            throw ApiException.invalid("question", "must be a string");
        }
        String text = question.asString().strip();
        if (text.isEmpty()) {
            throw ApiException.invalid("question", "can't be blank");
        }
        if (text.codePointCount(0, text.length()) > maxLength) {
            throw ApiException.invalid("question", "is too long (maximum is " + maxLength + " characters)");
        }
        return text;
    }
}
