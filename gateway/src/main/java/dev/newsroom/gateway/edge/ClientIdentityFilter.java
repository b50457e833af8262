package dev.newsroom.gateway.edge;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Resolves each request's {@link ClientIdentity} once, before anything needs it: the rate limit keys
 * on its address, the proxied routes and the composed calls pass it on. It is kept as an exchange
 * attribute and in the Reactor context (where the composed calls, which have no exchange, find it).
 */
class ClientIdentityFilter implements WebFilter, Ordered {

    private final ClientAddressResolver addresses;

    ClientIdentityFilter(ClientAddressResolver addresses) {
        this.addresses = addresses;
    }

    @Override
    public int getOrder() {
        // After the request id, the security headers and the body limit; before the security chain
        // (-100) and the rate limit.
        return Ordered.HIGHEST_PRECEDENCE + 3;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var request = exchange.getRequest();
        ClientIdentity identity = new ClientIdentity(
                addresses.resolve(request), request.getHeaders().getFirst(HttpHeaders.USER_AGENT));
        exchange.getAttributes().put(ClientIdentity.KEY, identity);
        return chain.filter(exchange).contextWrite(context -> context.put(ClientIdentity.KEY, identity));
    }
}
