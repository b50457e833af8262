package dev.newsroom.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What {@link HostileInputIT} puts into every parameter: a fixed corpus of the classes of input that
 * have broken services before (numbers that are not, operators and patterns of query languages,
 * characters that are syntax somewhere, encodings, scripts, lengths), plus values drawn at random
 * from a seed, so each run covers new ground and any failure can be replayed with the same seed.
 */
final class HostileValues {

    private HostileValues() {}

    /** Values as a client means them; the test percent-encodes them once, as a correct client would. */
    static List<String> fixed() {
        return List.of(
                "",
                " ",
                "0",
                "-1",
                "1.5",
                "1e3",
                "+5",
                "007",
                "0x1F",
                "2147483648",
                "99999999999999999999999999",
                "NaN",
                "null",
                "true",
                "[]",
                "{}",
                "{'$gt': ''}",
                "{\"$ne\":null}",
                "$where",
                "this.a == 1",
                ".*",
                "^(a+)+$",
                "[a-",
                "a/b",
                "a?b",
                "a#b",
                "a&b=c",
                "a;b",
                "a+b",
                "a,b",
                "100%",
                "%zz",
                "%00",
                "%2F",
                ".",
                "..",
                "../../etc/passwd",
                "\\",
                "'",
                "\"",
                "`",
                "<script>alert(1)</script>",
                "${jndi:ldap://127.0.0.1/x}",
                "😀",
                "👩‍👩‍👧‍👦",
                "مرحبا بالعالم",
                "\u202Eevil",
                "日本語のタグ",
                "e\u0301",
                "\u0000",
                "\n",
                "\t",
                "\uFFFF",
                "popular:7d:tag:x",
                "x".repeat(2000),
                "é".repeat(800));
    }

    /**
     * Targets no correct client would send, inserted into the request line as they are: not valid
     * URIs, or valid ones that could be read two ways.
     */
    static List<String> raw() {
        return List.of("{x}", "a\"b", "a\\b", "%zz", "%", "a%2Fb", "a%25b", "..", "%c0%af", "%ff");
    }

    /** {@code count} values drawn from {@code seed}: short and long, from every script and class of character. */
    static List<String> random(long seed, int count) {
        Random random = new Random(seed);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int length = random.nextInt(10) == 0 ? 200 + random.nextInt(400) : 1 + random.nextInt(40);
            StringBuilder value = new StringBuilder();
            while (value.length() < length) {
                value.appendCodePoint(codePoint(random));
            }
            values.add(value.toString());
        }
        return values;
    }

    private static int codePoint(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> 0x20 + random.nextInt(0x5F); // printable ASCII: every syntax character
            case 1 -> "{}[]$.*%+;&=?#/\\'\"`<>|^~".charAt(random.nextInt(24));
            case 2 -> random.nextInt(0x20); // control characters
            case 3 -> 0xA0 + random.nextInt(0xD7FF - 0xA0); // the rest of the BMP before the surrogates
            case 4 -> 0x1F300 + random.nextInt(0x300); // emoji, outside the BMP
            default -> 0x0590 + random.nextInt(0x200); // right-to-left scripts
        };
    }

    /**
     * Bodies no endpoint can use: not JSON, JSON of the wrong top-level type, nested past any sensible
     * depth, and the right envelope holding the wrong type, or each field holding one.
     */
    static List<String> bodies(String envelope, List<String> fields) {
        List<String> bodies = new ArrayList<>(List.of(
                "",
                "{",
                "[]",
                "null",
                "1",
                "\"x\"",
                "{\"a\":1}{",
                "\u00ff\u00fe",
                "[".repeat(5000),
                "{\"a\":".repeat(2000)));
        if (envelope != null) {
            String open = "{\"" + envelope + "\":";
            for (String wrong : List.of("[]", "\"x\"", "1", "true", "null")) {
                bodies.add(open + wrong + "}");
            }
            for (String field : fields) {
                for (String wrong : List.of("{}", "[{}]", "true", "{\"$gt\":\"\"}")) {
                    bodies.add(open + "{\"" + field + "\":" + wrong + "}}");
                }
            }
        }
        return bodies;
    }
}
