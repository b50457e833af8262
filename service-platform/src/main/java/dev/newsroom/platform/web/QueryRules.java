package dev.newsroom.platform.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * What every endpoint of every service refuses in a request target before any handler reads it, so
 * that a value is either used exactly as the client sent it or refused with a reason:
 *
 * <ul>
 *   <li>a query parameter given more than once (every parameter here takes one value; Spring would
 *       otherwise join the values with commas and hand the handler a value nobody sent): 422 naming
 *       the parameter;
 *   <li>percent-encoded bytes that are not UTF-8 ({@code %ff}), which decoding would silently turn
 *       into U+FFFD: 422 naming the query parameter, or 400 for the path.
 * </ul>
 */
public final class QueryRules implements WebFilter, Ordered {

    @Override
    public int getOrder() {
        // Right after the request id, before security and every handler.
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ApiException refused = refusal(exchange);
        return refused == null ? chain.filter(exchange) : Mono.error(refused);
    }

    static ApiException refusal(ServerWebExchange exchange) {
        String rawQuery = exchange.getRequest().getURI().getRawQuery();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (Map.Entry<String, List<String>> parameter :
                    exchange.getRequest().getQueryParams().entrySet()) {
                if (parameter.getValue().size() > 1) {
                    return ApiException.invalid(parameter.getKey(), "must be given at most once");
                }
            }
            if (rawQuery.indexOf('%') >= 0) {
                for (String pair : rawQuery.split("&")) {
                    int equals = pair.indexOf('=');
                    String name = equals < 0 ? pair : pair.substring(0, equals);
                    if (!decodesToUtf8(pair)) {
                        String shown = decodesToUtf8(name) ? decode(name) : "parameter";
                        return ApiException.invalid(shown, "is not valid UTF-8 once percent-decoded");
                    }
                }
            }
        }
        String rawPath = exchange.getRequest().getURI().getRawPath();
        if (rawPath != null && rawPath.indexOf('%') >= 0 && !decodesToUtf8(rawPath)) {
            return new ApiException(HttpStatus.BAD_REQUEST, "path", "is not valid UTF-8 once percent-decoded");
        }
        return null;
    }

    /** Whether the percent-encoded bytes of {@code raw} (a valid URI part) form UTF-8. */
    static boolean decodesToUtf8(String raw) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes(raw)));
            return true;
        } catch (CharacterCodingException | IllegalArgumentException notUtf8) {
            return false;
        }
    }

    private static String decode(String raw) {
        return new String(bytes(raw), StandardCharsets.UTF_8);
    }

    /** The bytes {@code raw} stands for: escapes decoded, everything else as its UTF-8. */
    private static byte[] bytes(String raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        int literal = 0;
        int i = 0;
        while (i < raw.length()) {
            if (raw.charAt(i) != '%') {
                i++;
                continue;
            }
            out.writeBytes(raw.substring(literal, i).getBytes(StandardCharsets.UTF_8));
            if (i + 2 >= raw.length()) {
                throw new IllegalArgumentException("incomplete escape");
            }
            out.write(Integer.parseInt(raw, i + 1, i + 3, 16));
            i += 3;
            literal = i;
        }
        out.writeBytes(raw.substring(literal).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
