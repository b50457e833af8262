package dev.newsroom.user.account;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What makes a username, an email, a password, a bio or an image acceptable, and how names are
 * normalised for uniqueness. Plain code, so the rules are unit-tested without Spring; the messages
 * are the ones Conduit clients show next to the field.
 */
public final class AccountRules {

    static final String BLANK = "can't be blank";
    static final int USERNAME_MAX = 32;
    static final int EMAIL_MAX = 254;
    static final int PASSWORD_MIN = 8;
    /** bcrypt only reads the first 72 bytes: a longer password would be silently truncated. */
    static final int PASSWORD_MAX_BYTES = 72;

    static final int BIO_MAX = 1000;
    static final int IMAGE_MAX = 2048;

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s.]+");

    private AccountRules() {}

    /** Problems with a registration, by field; empty when it is acceptable. */
    public static Map<String, List<String>> checkRegistration(String username, String email, String password) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        required("username", username, errors);
        required("email", email, errors);
        required("password", password, errors);
        checkUsername(username, errors);
        checkEmail(email, errors);
        checkPassword(password, errors);
        return errors;
    }

    /**
     * Problems with an update; only non-null values are checked. A null username, email or password
     * is left unchanged (they cannot be blanked); a null bio or image is left or cleared, which needs
     * no check.
     */
    public static Map<String, List<String>> checkUpdate(
            String username, String email, String password, String bio, String image) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (username != null) {
            required("username", username, errors);
            checkUsername(username, errors);
        }
        if (email != null) {
            required("email", email, errors);
            checkEmail(email, errors);
        }
        if (password != null) {
            required("password", password, errors);
            checkPassword(password, errors);
        }
        if (bio != null && bio.length() > BIO_MAX) {
            add(errors, "bio", "is too long (maximum is " + BIO_MAX + " characters)");
        }
        if (image != null && !image.isBlank()) {
            checkImage(image, errors);
        }
        return errors;
    }

    /** The key that makes "Ada" and "ada" the same username. */
    public static String usernameKey(String username) {
        return username.trim().toLowerCase(Locale.ROOT);
    }

    /** Emails compare case-insensitively. */
    public static String emailKey(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    private static void required(String field, String value, Map<String, List<String>> errors) {
        if (value == null || value.isBlank()) {
            add(errors, field, BLANK);
        }
    }

    private static void checkUsername(String username, Map<String, List<String>> errors) {
        if (username == null || username.isBlank()) {
            return;
        }
        String trimmed = username.trim();
        if (trimmed.length() > USERNAME_MAX) {
            add(errors, "username", "is too long (maximum is " + USERNAME_MAX + " characters)");
        } else if (!USERNAME.matcher(trimmed).matches()) {
            add(errors, "username", "may only contain letters, digits, '-' and '_'");
        }
    }

    private static void checkEmail(String email, Map<String, List<String>> errors) {
        if (email == null || email.isBlank()) {
            return;
        }
        String trimmed = email.trim();
        if (trimmed.length() > EMAIL_MAX || !EMAIL.matcher(trimmed).matches()) {
            add(errors, "email", "is invalid");
        }
    }

    private static void checkPassword(String password, Map<String, List<String>> errors) {
        if (password == null || password.isBlank()) {
            return;
        }
        if (password.length() < PASSWORD_MIN) {
            add(errors, "password", "is too short (minimum is " + PASSWORD_MIN + " characters)");
        } else if (password.getBytes(StandardCharsets.UTF_8).length > PASSWORD_MAX_BYTES) {
            add(errors, "password", "is too long (maximum is " + PASSWORD_MAX_BYTES + " bytes)");
        }
    }

    private static void checkImage(String image, Map<String, List<String>> errors) {
        if (image.length() > IMAGE_MAX) {
            add(errors, "image", "is too long (maximum is " + IMAGE_MAX + " characters)");
            return;
        }
        try {
            URI uri = new URI(image.trim());
            String scheme = uri.getScheme();
            if (scheme == null
                    || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || uri.getHost() == null) {
                add(errors, "image", "must be an http or https URL");
            }
        } catch (URISyntaxException e) {
            add(errors, "image", "must be an http or https URL");
        }
    }

    private static void add(Map<String, List<String>> errors, String field, String message) {
        errors.merge(field, List.of(message), (a, b) -> {
            var merged = new java.util.ArrayList<>(a);
            merged.addAll(b);
            return List.copyOf(merged);
        });
    }
}
