package dev.newsroom.gateway.compose;

import dev.newsroom.platform.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a composed page ({@code {"article":…,"comments":…,"popular":…,"missing":[…]}}) by
 * splicing the services' answers as bytes. Parsing each answer into a tree and writing a new tree
 * out was most of the gateway's own work on the article page (a few KB per page, every read);
 * copying the bytes costs one pass over them and no objects per JSON value.
 *
 * <p>The services write their answers with Jackson, compactly, so the splice gives the bytes the
 * tree would have given. An answer of another form (whitespace around it, an envelope with more than
 * the one member) is parsed and written with Jackson as before, so the page stays one JSON document
 * whatever a service sends.
 */
@Component
public class PageJson {

    private static final byte[] ARTICLE_ANSWER = ascii("{\"article\":");
    private static final byte[] COMMENTS = ascii(",\"comments\":");
    private static final byte[] POPULAR = ascii(",\"popular\":");
    private static final byte[] MISSING = ascii(",\"missing\":[");
    private static final byte[] END = ascii("]}");
    private static final byte[] NULL = ascii("null");

    private final JsonMapper json;

    public PageJson(JsonMapper json) {
        this.json = json;
    }

    /** A JSON value inside a byte array, to be copied into a page as it is. */
    public record Part(byte[] bytes, int offset, int length) {

        static Part of(byte[] bytes) {
            return new Part(bytes, 0, bytes.length);
        }
    }

    /**
     * The article object of article-service's answer {@code {"article":{…}}}. An answer that cannot
     * be read is the service failing, a 503 as {@link Downstream} makes it for a tree.
     */
    public Part article(byte[] answer) {
        if (JsonBytes.startsWith(answer, ARTICLE_ANSWER)) {
            int end = JsonBytes.endOfContainer(answer, ARTICLE_ANSWER.length);
            if (end > 0 && JsonBytes.onlyCloseBraceFrom(answer, end)) {
                return new Part(answer, ARTICLE_ANSWER.length, end - ARTICLE_ANSWER.length);
            }
        }
        try {
            return Part.of(json.writeValueAsBytes(tree(answer).path("article")));
        } catch (JacksonException unreadable) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "service", "unavailable");
        }
    }

    /**
     * A whole answer (an object or an array) as one value of the page. An answer that cannot be
     * read throws {@link JacksonException}; the page then leaves the part out.
     */
    public Part whole(byte[] answer) {
        int start = JsonBytes.skipWhitespace(answer, 0);
        int end = JsonBytes.trimmedEnd(answer);
        if (start == 0 && end == answer.length && JsonBytes.enclosed(answer, start, end)) {
            return Part.of(answer);
        }
        return Part.of(json.writeValueAsBytes(tree(answer)));
    }

    /**
     * The page: the article, the comments and the popular box ({@code null} where missing) and the
     * names of the missing parts, which are the page's own names (plain ASCII, nothing to escape).
     */
    public byte[] page(Part article, Part comments, Part popular, List<String> missing) {
        byte[][] names = missing.stream().map(PageJson::quoted).toArray(byte[][]::new);
        int size = ARTICLE_ANSWER.length
                + article.length()
                + COMMENTS.length
                + length(comments)
                + POPULAR.length
                + length(popular)
                + MISSING.length
                + END.length;
        for (byte[] name : names) {
            size += name.length + 1;
        }
        Writer page = new Writer(new byte[size - (names.length > 0 ? 1 : 0)]);
        page.put(ARTICLE_ANSWER)
                .put(article)
                .put(COMMENTS)
                .put(comments)
                .put(POPULAR)
                .put(popular);
        page.put(MISSING);
        for (int i = 0; i < names.length; i++) {
            if (i > 0) {
                page.put(new byte[] {','});
            }
            page.put(names[i]);
        }
        return page.put(END).bytes;
    }

    private JsonNode tree(byte[] answer) {
        JsonNode tree = json.readTree(answer);
        if (tree == null || tree.isMissingNode()) {
            throw new IllegalStateException("an empty answer");
        }
        return tree;
    }

    private static int length(Part part) {
        return part == null ? NULL.length : part.length();
    }

    private static byte[] quoted(String name) {
        if (!name.chars().allMatch(c -> c > ' ' && c < 127 && c != '"' && c != '\\')) {
            throw new IllegalArgumentException("not a part's name: " + name);
        }
        return ascii('"' + name + '"');
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Fills an array of the page's exact size. */
    private static final class Writer {

        private final byte[] bytes;
        private int position;

        Writer(byte[] bytes) {
            this.bytes = bytes;
        }

        Writer put(byte[] part) {
            System.arraycopy(part, 0, bytes, position, part.length);
            position += part.length;
            return this;
        }

        Writer put(Part part) {
            if (part == null) {
                return put(NULL);
            }
            System.arraycopy(part.bytes(), part.offset(), bytes, position, part.length());
            position += part.length();
            return this;
        }
    }
}
