package dev.newsroom.gateway.edge;

import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import reactor.util.context.ContextView;

/**
 * What services derive a reader's identity from, as the gateway saw it: the client's address (after
 * the trusted proxies, {@link ClientAddressResolver}) and its {@code User-Agent}. article-service
 * tells anonymous readers apart by the two (one view per reader), user-service and
 * assistant-service limit by the address. The gateway passes them on the same way on proxied
 * routes ({@link ForwardedClientHeaders}) and on the calls it composes from ({@code Downstream}), so
 * a service sees the same reader whichever way the request went.
 *
 * @param address the client's address, or {@code null} when not known
 * @param userAgent the client's {@code User-Agent}, or {@code null} when it sent none
 */
public record ClientIdentity(String address, String userAgent) {

    /** The exchange attribute and Reactor context key under which a request's identity is kept. */
    static final String KEY = ClientIdentity.class.getName();

    static final String X_FORWARDED_FOR = "X-Forwarded-For";
    static final String FORWARDED = "Forwarded";

    /** The identity {@link ClientIdentityFilter} resolved for the request in this context, if any. */
    public static ClientIdentity from(ContextView context) {
        return context.getOrDefault(KEY, null);
    }

    /** The identity {@link ClientIdentityFilter} resolved for this exchange, if it did. */
    public static ClientIdentity from(ServerWebExchange exchange) {
        return exchange.getAttribute(KEY);
    }

    /**
     * Tells a service who the client is: {@code X-Forwarded-For} set to the one resolved address (set,
     * not appended, so nothing a client wrote there reaches a service), no {@code Forwarded}, and the
     * client's {@code User-Agent}.
     */
    public void writeTo(HttpHeaders headers) {
        headers.remove(FORWARDED);
        if (address == null) {
            headers.remove(X_FORWARDED_FOR);
        } else {
            headers.set(X_FORWARDED_FOR, address);
        }
        if (userAgent != null) {
            headers.set(HttpHeaders.USER_AGENT, userAgent);
        }
    }
}
