package dev.newsroom.platform.web;

import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * Gives every request an {@value #HEADER}: the caller's own when it sent a sensible one (the
 * gateway's, or a client's that wants to follow its request through the logs), a new UUID
 * otherwise. It comes back on every response, errors included, and sits in the Reactor context
 * (and from there, through {@link RequestIdLogging}, in the logging MDC), so every log line written
 * while the request is handled carries it. The gateway passes it on to every service it calls.
 */
public class RequestIds implements WebFilter, Ordered {

    public static final String HEADER = "X-Request-Id";
    /** The key in the Reactor context and in the logging MDC. */
    public static final String CONTEXT_KEY = "requestId";

    /** Short and plain: an id is echoed into headers and logs, so it must not carry anything else. */
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @Override
    public int getOrder() {
        // Before everything, the security chain included, so its 401s carry the id too.
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String id = idOf(exchange.getRequest().getHeaders().getFirst(HEADER));
        ServerHttpRequest request = exchange.getRequest()
                .mutate()
                .headers(headers -> headers.set(HEADER, id))
                .build();
        exchange.getResponse().getHeaders().set(HEADER, id);
        return chain.filter(exchange.mutate().request(request).build())
                .contextWrite(context -> context.put(CONTEXT_KEY, id));
    }

    static String idOf(String offered) {
        if (offered != null && ACCEPTABLE.matcher(offered).matches()) {
            return offered;
        }
        return UUID.randomUUID().toString();
    }

    /** The request id in a Reactor context, if the request came through this filter. */
    public static String from(ContextView context) {
        return context.getOrDefault(CONTEXT_KEY, null);
    }
}
