package dev.newsroom.gateway.compose;

import dev.newsroom.platform.web.ApiException;
import java.io.ByteArrayOutputStream;
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
        ByteArrayOutputStream page =
                new ByteArrayOutputStream(article.length() + length(comments) + length(popular) + 64);
        page.writeBytes(ARTICLE_ANSWER);
        write(page, article);
        page.writeBytes(COMMENTS);
        write(page, comments);
        page.writeBytes(POPULAR);
        write(page, popular);
        page.writeBytes(MISSING);
        for (int i = 0; i < missing.size(); i++) {
            if (i > 0) {
                page.write(',');
            }
            page.writeBytes(quoted(missing.get(i)));
        }
        page.writeBytes(END);
        return page.toByteArray();
    }

    private static void write(ByteArrayOutputStream page, Part part) {
        if (part == null) {
            page.writeBytes(NULL);
        } else {
            page.write(part.bytes(), part.offset(), part.length());
        }
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
}
