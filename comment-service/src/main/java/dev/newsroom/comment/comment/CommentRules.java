package dev.newsroom.comment.comment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * What makes a comment body acceptable, what a comment id looks like, who may delete or edit a
 * comment, and how a listing page is asked for. Plain code, so the rules are unit-tested without
 * Spring.
 */
public final class CommentRules {

    static final String BLANK = "can't be blank";
    /** The most comments one page of a listing holds. */
    public static final int MAX_PAGE_SIZE = 100;
    /** The page size when a client asks for a page ({@code after}) without saying how large. */
    public static final int DEFAULT_PAGE_SIZE = 20;

    private static final Pattern LIMIT = Pattern.compile("[0-9]{1,4}");

    /** Positive, and small enough for a long: anything else cannot name a comment. */
    private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,17}");

    private CommentRules() {}

    /** What is wrong with {@code body}, if anything. Length counts characters as people see them. */
    public static Optional<String> problemWithBody(String body, int maxLength) {
        if (body == null || body.isBlank()) {
            return Optional.of(BLANK);
        }
        if (body.codePointCount(0, body.length()) > maxLength) {
            return Optional.of("is too long (maximum is " + maxLength + " characters)");
        }
        return Optional.empty();
    }

    /** The comment id in a path segment, or empty for anything that cannot be one ({@code abc}, {@code -1}, …). */
    public static OptionalLong parseId(String raw) {
        if (raw == null || !ID.matcher(raw).matches()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(raw));
    }

    /** A comment's author may delete it; so may the author of the article it is under, and moderators. */
    public static boolean mayDelete(String userId, boolean moderator, String commentAuthorId, String articleAuthorId) {
        return moderator || userId.equals(commentAuthorId) || userId.equals(articleAuthorId);
    }

    /**
     * Only a comment's author edits it, and only within {@code window} of posting it: later, readers
     * have replied to what it said.
     */
    public static boolean withinEditWindow(Instant createdAt, Instant now, Duration window) {
        return !now.isAfter(createdAt.plus(window));
    }

    /** The page size in a {@code limit} parameter (1 to {@value #MAX_PAGE_SIZE}), or empty if it is not one. */
    public static OptionalInt parseLimit(String raw) {
        if (raw == null || !LIMIT.matcher(raw).matches()) {
            return OptionalInt.empty();
        }
        int limit = Integer.parseInt(raw);
        return limit >= 1 && limit <= MAX_PAGE_SIZE ? OptionalInt.of(limit) : OptionalInt.empty();
    }

    /** Now, in milliseconds as MongoDB stores them, so a comment reads back exactly as it was written. */
    static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
