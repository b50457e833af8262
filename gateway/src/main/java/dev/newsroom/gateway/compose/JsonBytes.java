package dev.newsroom.gateway.compose;

/**
 * The few looks into a JSON answer's UTF-8 bytes that {@link PageJson} needs to splice it without
 * parsing it. Every byte of a multi-byte UTF-8 character is 0x80 or above, so comparing single
 * bytes with ASCII brackets, quotes and backslashes never mistakes part of a character for one.
 */
final class JsonBytes {

    private JsonBytes() {}

    static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Where the object or array that starts at {@code start} ends (the index after its closing
     * bracket), or -1 when there is none there or it is not closed. Brackets inside strings do not
     * count; the kinds of brackets are not matched, since this finds the end of a value a service
     * wrote, it does not validate it.
     */
    static int endOfContainer(byte[] bytes, int start) {
        if (start >= bytes.length || (bytes[start] != '{' && bytes[start] != '[')) {
            return -1;
        }
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < bytes.length; i++) {
            byte next = bytes[i];
            if (inString) {
                if (next == '\\') {
                    i++;
                } else if (next == '"') {
                    inString = false;
                }
            } else if (next == '"') {
                inString = true;
            } else if (next == '{' || next == '[') {
                depth++;
            } else if ((next == '}' || next == ']') && --depth == 0) {
                return i + 1;
            }
        }
        return -1;
    }

    /** Whether from {@code from} on there is nothing but one {@code }} and whitespace around it. */
    static boolean onlyCloseBraceFrom(byte[] bytes, int from) {
        int brace = skipWhitespace(bytes, from);
        return brace < bytes.length && bytes[brace] == '}' && skipWhitespace(bytes, brace + 1) == bytes.length;
    }

    /** Whether {@code bytes[start, end)} opens with a bracket and ends with the matching one. */
    static boolean enclosed(byte[] bytes, int start, int end) {
        if (end - start < 2) {
            return false;
        }
        byte first = bytes[start];
        byte last = bytes[end - 1];
        return (first == '{' && last == '}') || (first == '[' && last == ']');
    }

    static int skipWhitespace(byte[] bytes, int from) {
        int i = from;
        while (i < bytes.length && isWhitespace(bytes[i])) {
            i++;
        }
        return i;
    }

    /** The index after the last byte that is not whitespace. */
    static int trimmedEnd(byte[] bytes) {
        int end = bytes.length;
        while (end > 0 && isWhitespace(bytes[end - 1])) {
            end--;
        }
        return end;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }
}
