package dev.newsroom.assistant.answer;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cuts an article's Markdown body into passages: whole sentences of one paragraph, grouped up to
 * about {@code maxChars} characters, so that an answer quotes a few sentences rather than a whole
 * paragraph, and never joins two paragraphs. Headings are not passages: they name a topic but answer
 * nothing. Offsets are kept so that the web page can highlight exactly the quoted text.
 */
final class Passages {

    private Passages() {}

    static List<Passage> of(String body, int maxChars) {
        List<Passage> passages = new ArrayList<>();
        if (body == null) {
            return passages;
        }
        int lineStart = 0;
        int paragraphStart = -1;
        int paragraphEnd = -1;
        while (lineStart <= body.length()) {
            int newline = body.indexOf('\n', lineStart);
            int lineEnd = newline < 0 ? body.length() : newline;
            String line = body.substring(lineStart, lineEnd);
            boolean blank = line.isBlank();
            boolean heading = line.stripLeading().startsWith("#");
            if (blank || heading) {
                if (paragraphStart >= 0) {
                    sentences(body, paragraphStart, paragraphEnd, maxChars, passages);
                    paragraphStart = -1;
                }
            } else {
                if (paragraphStart < 0) {
                    paragraphStart = lineStart;
                }
                paragraphEnd = lineEnd;
            }
            if (newline < 0) {
                break;
            }
            lineStart = newline + 1;
        }
        if (paragraphStart >= 0) {
            sentences(body, paragraphStart, paragraphEnd, maxChars, passages);
        }
        return passages;
    }

    /** Groups the sentences of {@code body[from, to)} into passages of at most about {@code maxChars}. */
    private static void sentences(String body, int from, int to, int maxChars, List<Passage> passages) {
        BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ENGLISH);
        sentences.setText(body.substring(from, to));
        int groupStart = -1;
        int groupEnd = -1;
        for (int start = sentences.first(), end = sentences.next();
                end != BreakIterator.DONE;
                start = end, end = sentences.next()) {
            int sentenceStart = from + start;
            int sentenceEnd = from + end;
            if (groupStart >= 0 && sentenceEnd - groupStart > maxChars) {
                add(body, groupStart, groupEnd, passages);
                groupStart = -1;
            }
            if (groupStart < 0) {
                groupStart = sentenceStart;
            }
            groupEnd = sentenceEnd;
        }
        if (groupStart >= 0) {
            add(body, groupStart, groupEnd, passages);
        }
    }

    /** Adds {@code body[start, end)} without its surrounding white space, if anything is left. */
    private static void add(String body, int start, int end, List<Passage> passages) {
        while (start < end && Character.isWhitespace(body.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(body.charAt(end - 1))) {
            end--;
        }
        if (end > start) {
            passages.add(new Passage(passages.size(), start, end, body.substring(start, end)));
        }
    }
}
