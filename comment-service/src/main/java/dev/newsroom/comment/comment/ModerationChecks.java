package dev.newsroom.comment.comment;

import dev.newsroom.comment.CommentServiceProperties.Action;
import dev.newsroom.comment.CommentServiceProperties.Moderation;
import dev.newsroom.platform.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;

/**
 * The automatic checks every new or edited comment passes: too long, too many links, banned words,
 * the same text again. Each failing check holds the comment for a moderator or refuses it, as
 * configured; a refusal wins over a hold, and every reason is given. Plain code, unit-tested without
 * Spring.
 */
public final class ModerationChecks {

    /** What the checks decided for one comment, and why (empty when it is published). */
    public record Verdict(CommentStatus status, boolean refused, List<String> reasons) {

        public Verdict {
            reasons = List.copyOf(reasons);
        }

        static Verdict publish() {
            return new Verdict(CommentStatus.PUBLISHED, false, List.of());
        }

        /** The answer to a refused comment: 422, with every reason under {@code body}. */
        ApiException refusal() {
            return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, Map.of("body", reasons), null);
        }
    }

    /** A link as people write them: a URL with a scheme, or a bare {@code www.} address. */
    private static final Pattern LINK = Pattern.compile("(?i)\\b(?:https?://|www\\.)[^\\s<>()\\[\\]]+");

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['’][\\p{L}]+)?");
    private static final Pattern NOT_A_WORD_CHARACTER = Pattern.compile("[^\\p{L}\\p{N}]+");

    private final Moderation settings;
    private final Set<String> bannedWords;

    public ModerationChecks(Moderation settings) {
        this.settings = settings;
        this.bannedWords = settings.bannedWords().words().stream()
                .map(word -> word.strip().toLowerCase(Locale.ROOT))
                .filter(word -> !word.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * The verdict on {@code body}; {@code repeated} says whether its author posted the same text
     * (same {@link #fingerprint}) within the configured window.
     */
    public Verdict check(String body, boolean repeated) {
        List<String> held = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        int length = body.codePointCount(0, body.length());
        if (length > settings.longComments().above()) {
            sort(settings.longComments().action(), held, refused)
                    .add("is longer than " + settings.longComments().above() + " characters");
        }
        int links = countLinks(body);
        if (links > settings.links().above()) {
            sort(settings.links().action(), held, refused)
                    .add("has too many links (at most " + settings.links().above() + ")");
        }
        if (containsBannedWord(body)) {
            sort(settings.bannedWords().action(), held, refused).add("contains words that are not allowed");
        }
        if (repeated) {
            sort(settings.repeats().action(), held, refused).add("repeats a comment you posted just now");
        }
        if (!refused.isEmpty()) {
            return new Verdict(null, true, refused);
        }
        if (!held.isEmpty()) {
            return new Verdict(CommentStatus.HELD, false, held);
        }
        return Verdict.publish();
    }

    private static List<String> sort(Action action, List<String> held, List<String> refused) {
        return action == Action.REFUSE ? refused : held;
    }

    static int countLinks(String body) {
        Matcher links = LINK.matcher(body);
        int count = 0;
        while (links.find()) {
            count++;
        }
        return count;
    }

    private boolean containsBannedWord(String body) {
        if (bannedWords.isEmpty()) {
            return false;
        }
        Matcher words = WORD.matcher(body.toLowerCase(Locale.ROOT));
        while (words.find()) {
            if (bannedWords.contains(words.group())) {
                return true;
            }
        }
        return false;
    }

    /**
     * What "the same text" means for the repeat check: SHA-256 of the body lower-cased with
     * punctuation and spacing collapsed, so "Great post!!" and "great   post" are one text.
     */
    public static String fingerprint(String body) {
        String normalised = NOT_A_WORD_CHARACTER
                .matcher(body.toLowerCase(Locale.ROOT))
                .replaceAll(" ")
                .strip();
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(normalised.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", impossible);
        }
    }
}
