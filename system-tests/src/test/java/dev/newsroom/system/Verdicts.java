package dev.newsroom.system;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What {@link HostileInputIT} accepts as an answer to a hostile request, and how it names a problem. */
final class Verdicts {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Verdicts() {}

    /**
     * Adds a problem unless {@code answer} is a success or a 4xx in the RealWorld error shape: a 5xx,
     * no answer in time, a 4xx without the shape, a 429 (unless the operation is {@code limited} per
     * address) or an {@code X-Request-Id} that is not a plain id. A null answer was never sent.
     */
    static void judge(List<String> problems, String where, RawHttp.Response answer, boolean limited) {
        if (answer == null) {
            return; // the HTTP client refused to send it (a header value it cannot carry)
        }
        String id = answer.headers().get("x-request-id");
        if (answer.status() < 0 || answer.status() >= 500) {
            problems.add(where + " -> " + answer.status() + " " + shorten(answer.body()));
        } else if (answer.status() >= 400 && !errorShape(answer)) {
            problems.add(where + " -> " + answer.status() + " not in the error shape: " + shorten(answer.body()));
        } else if (answer.status() == 429 && !limited) {
            problems.add(where + " -> 429: the rotation of users failed");
        } else if (id != null && !id.matches("[A-Za-z0-9._-]{1,64}")) {
            problems.add(where + " -> X-Request-Id " + printable(id));
        }
    }

    static boolean errorShape(RawHttp.Response answer) {
        if (!String.valueOf(answer.headers().get("content-type")).startsWith("application/json")) {
            return false;
        }
        try {
            JsonNode errors = JSON.readTree(answer.body()).path("errors");
            if (!errors.isObject() || errors.isEmpty()) {
                return false;
            }
            for (JsonNode messages : errors) {
                if (!messages.isArray()
                        || messages.isEmpty()
                        || !messages.get(0).isString()) {
                    return false;
                }
            }
            return true;
        } catch (RuntimeException notJson) {
            return false;
        }
    }

    /** {@code value} for a failure message: cut at 40 characters, all but printable ASCII escaped. */
    static String printable(String value) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "…(" + value.length() + ")" : value;
        StringBuilder out = new StringBuilder();
        shown.chars()
                .forEach(c -> out.append(c < 0x20 || c > 0x7E ? String.format("\\u%04x", c) : Character.toString(c)));
        return out.toString();
    }

    private static String shorten(String body) {
        return body == null ? "" : body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }
}
