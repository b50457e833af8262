package dev.newsroom.platform.web;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * Gives every request an {@value #HEADER}: the caller's own when it sent a sensible one (the
 * gateway's, or a client's that wants to follow its request through the logs), a new UUID
 * otherwise. It comes back on every response, errors included, and sits in the Reactor context,
 * from where {@link RequestIdLogging} puts it in the logging MDC, so every log line written while the
 * request is handled carries it. The gateway passes it on to every service it calls.
 *
 * <p>That automatic propagation costs every reactive step of every request a little; a service that
 * logs only in a few known places (the gateway) switches it off with
 * {@code newsroom.logging.automatic-request-id=false} and logs through {@link #logWith}.
 */
public class RequestIds implements WebFilter, Ordered {

    public static final String HEADER = "X-Request-Id";
    /** The key in the Reactor context and in the logging MDC. */
    public static final String CONTEXT_KEY = "requestId";

    /** Short and plain: an id is echoed into headers and logs, so it must not carry anything else. */
    private static final int LONGEST = 64;

    @Override
    public int getOrder() {
        // Before everything, the security chain included, so its 401s carry the id too.
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        List<String> offered = exchange.getRequest().getHeaders().get(HEADER);
        String id = idOf(offered == null || offered.isEmpty() ? null : offered.get(0));
        exchange.getResponse().getHeaders().set(HEADER, id);
        // The request passes its id on (the gateway's proxied calls copy its headers): it already
        // carries it when it came with exactly that one, the usual case behind the gateway.
        ServerWebExchange passed =
                offered != null && offered.size() == 1 && offered.get(0).equals(id)
                        ? exchange
                        : exchange.mutate()
                                .request(exchange.getRequest()
                                        .mutate()
                                        .headers(headers -> headers.set(HEADER, id))
                                        .build())
                                .build();
        return chain.filter(passed).contextWrite(context -> context.put(CONTEXT_KEY, id));
    }

    static String idOf(String offered) {
        return offered != null && acceptable(offered) ? offered : newId();
    }

    /**
     * {@code [A-Za-z0-9._-]{1,64}}, checked by hand: it runs on every request of every service, and
     * a regular expression's bounded repetition costs a call per character.
     */
    static boolean acceptable(String offered) {
        int length = offered.length();
        if (length == 0 || length > LONGEST) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = offered.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '_'
                    || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /**
     * A random UUID-shaped id. It only correlates log lines, so it comes from the thread's own
     * generator rather than {@link UUID#randomUUID()}'s SecureRandom, which every request would
     * otherwise queue for.
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(random.nextLong() & ~0xF000L | 0x4000L, random.nextLong() & ~(3L << 62) | (1L << 63))
                .toString();
    }

    /** The request id in a Reactor context, if the request came through this filter. */
    public static String from(ContextView context) {
        return context.getOrDefault(CONTEXT_KEY, null);
    }

    /** The id this filter gave the exchange (it is on the response from the start), if it did. */
    public static String from(ServerWebExchange exchange) {
        return exchange.getResponse().getHeaders().getFirst(HEADER);
    }

    /**
     * Runs {@code logging} with {@code id} in the logging MDC, and puts back what was there before:
     * for code that logs where the automatic propagation is off.
     */
    public static void logWith(String id, Runnable logging) {
        String before = MDC.get(CONTEXT_KEY);
        if (id == null || id.equals(before)) {
            logging.run();
            return;
        }
        MDC.put(CONTEXT_KEY, id);
        try {
            logging.run();
        } finally {
            if (before == null) {
                MDC.remove(CONTEXT_KEY);
            } else {
                MDC.put(CONTEXT_KEY, before);
            }
        }
    }
}
