package dev.newsroom.gateway.edge;

import dev.newsroom.platform.tracing.TraceParents;
import dev.newsroom.platform.web.RequestIds;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * On every proxied route, the headers a service derives the reader's identity from
 * ({@link ClientIdentity#writeTo}), and the gateway's span as the call's {@code traceparent}. Runs after Spring Cloud Gateway's own header filters (which,
 * with its {@code trusted-proxies} unset, drop every {@code X-Forwarded-*} and {@code Forwarded}
 * header), so what a service receives is the gateway's word alone.
 */
class ForwardedClientHeaders implements HttpHeadersFilter, Ordered {

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        ClientIdentity identity = ClientIdentity.from(exchange);
        HttpHeaders passed = HttpHeaders.copyOf(input);
        (identity == null ? new ClientIdentity(null, null) : identity).writeTo(passed);
        TraceParents.writeTo(passed, RequestIds.correlationOf(exchange));
        return passed;
    }
}
