package dev.newsroom.comment.comment;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The position after a held comment in the moderation queue (ordered by posting time, then id), as
 * an opaque token for {@code after}.
 */
public record HeldCursor(Instant createdAt, long id) {

    private static final Pattern FORM = Pattern.compile("([0-9]{1,15}):([0-9]{1,18})");

    static HeldCursor of(Comment comment) {
        return new HeldCursor(comment.createdAt(), comment.id());
    }

    String encode() {
        String plain = createdAt.toEpochMilli() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor a token stands for, or empty if it is not one this service made. */
    public static Optional<HeldCursor> decode(String token) {
        if (token == null || token.isEmpty() || token.length() > 64) {
            return Optional.empty();
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
            Matcher parts = FORM.matcher(plain);
            if (!parts.matches()) {
                return Optional.empty();
            }
            return Optional.of(new HeldCursor(
                    Instant.ofEpochMilli(Long.parseLong(parts.group(1))), Long.parseLong(parts.group(2))));
        } catch (IllegalArgumentException notOurs) {
            return Optional.empty();
        }
    }
}
