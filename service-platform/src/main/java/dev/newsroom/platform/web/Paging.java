package dev.newsroom.platform.web;

/**
 * RealWorld's {@code limit} and {@code offset}, read the same way by the gateway (before any service
 * is asked) and by a service called directly:
 * a whole number written in digits only ({@code 1.5}, {@code -1}, {@code +5}, {@code 1e3}, {@code 5,6}
 * or words are 422 naming the parameter); absent or empty means the default. A {@code limit} above
 * the largest page becomes that page size, however many digits it has (RealWorld sets no maximum,
 * so a client asking for everything gets as much as a page holds); an {@code offset} beyond what a
 * service can skip is refused rather than silently changed.
 */
public final class Paging {

    /** The largest page any list asks a service for, whatever the client asked. */
    public static final int MAX_PAGE_SIZE = 100;

    public static final String LIMIT_RULE = "must be a whole number of at least 1";
    public static final String OFFSET_RULE = "must be a whole number of at least 0";

    private Paging() {}

    /** The page size to ask for, or null for the service's default. */
    public static Integer limit(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        if (!digitsOnly(raw) || isZero(raw)) {
            throw ApiException.invalid("limit", LIMIT_RULE);
        }
        String significant = withoutLeadingZeros(raw);
        return significant.length() > 3 ? MAX_PAGE_SIZE : Math.min(Integer.parseInt(significant), MAX_PAGE_SIZE);
    }

    /** How many items to skip, or null for none. */
    public static Integer offset(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        if (!digitsOnly(raw)) {
            throw ApiException.invalid("offset", OFFSET_RULE);
        }
        String significant = withoutLeadingZeros(raw);
        if (significant.length() > 10 || Long.parseLong(significant) > Integer.MAX_VALUE) {
            throw ApiException.invalid("offset", "must be at most " + Integer.MAX_VALUE);
        }
        return Integer.parseInt(significant);
    }

    private static boolean digitsOnly(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isZero(String digits) {
        return withoutLeadingZeros(digits).equals("0");
    }

    private static String withoutLeadingZeros(String digits) {
        int start = 0;
        while (start < digits.length() - 1 && digits.charAt(start) == '0') {
            start++;
        }
        return digits.substring(start);
    }
}
