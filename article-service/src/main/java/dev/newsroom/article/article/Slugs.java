package dev.newsroom.article.article;

import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * URL-safe slugs: the title in lower-case ASCII words joined by hyphens, plus a short random suffix
 * so that two articles with the same title get different slugs without a look-up.
 */
public final class Slugs {

    static final int MAX_WORDS_LENGTH = 80;
    private static final Pattern DIACRITICS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_WORD = Pattern.compile("[^a-z0-9]+");
    private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Slugs() {}

    public static String of(String title) {
        return words(title) + "-" + suffix();
    }

    /** The readable part: "Ça va? Ünïcode & more!" → "ca-va-unicode-more". */
    static String words(String title) {
        String ascii = DIACRITICS
                .matcher(Normalizer.normalize(title, Normalizer.Form.NFD))
                .replaceAll("");
        String words = NOT_WORD.matcher(ascii.toLowerCase(Locale.ROOT)).replaceAll("-");
        words = trimHyphens(words);
        if (words.length() > MAX_WORDS_LENGTH) {
            words = trimHyphens(words.substring(0, MAX_WORDS_LENGTH));
        }
        return words.isEmpty() ? "article" : words;
    }

    private static String trimHyphens(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && value.charAt(start) == '-') {
            start++;
        }
        while (end > start && value.charAt(end - 1) == '-') {
            end--;
        }
        return value.substring(start, end);
    }

    private static String suffix() {
        char[] chars = new char[6];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(chars);
    }
}
