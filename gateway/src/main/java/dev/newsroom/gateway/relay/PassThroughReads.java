package dev.newsroom.gateway.relay;

import dev.newsroom.gateway.edge.ClientIdentity;
import dev.newsroom.gateway.web.ErrorBodies;
import dev.newsroom.platform.tracing.TraceParents;
import dev.newsroom.platform.web.RequestIds;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The reads a service answers whole and the gateway only passes on, relayed by {@link ServiceRelay}
 * rather than by Spring Cloud Gateway's routes: a story, a list of stories, the tags, a story's
 * comments, a profile, the rankings, the current alerts. They are most of the gateway's traffic, and the route machinery
 * (its filter chain, header filters, the load balancer's exchange) cost the gateway as much CPU per
 * read as the service spent answering it. Everything before this filter still applies (request id,
 * security headers, the token's verification, the client's identity, the rate limit, the
 * micro-cache); what the routes add is kept here: the client's identity passed on as the services
 * expect it ({@link ClientIdentity#writeTo}), hop-by-hop headers dropped both ways, an error answer
 * without a RealWorld body given one, and the RealWorld 503 when the service cannot answer.
 *
 * <p>Anything else (writes, streams, the composed feed and page, every other path) goes on to the
 * routes as before.
 */
@Component
class PassThroughReads implements WebFilter, Ordered {

    /** Headers that describe one connection, not the request or answer (RFC 9110 §7.6.1), and framing. */
    private static final Set<String> NOT_PASSED = Set.of(
            "connection",
            "keep-alive",
            "proxy-connection",
            "proxy-authenticate",
            "proxy-authorization",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade",
            "host",
            "content-length",
            "expect");

    private final ServiceRelay relay;
    private final ErrorBodies errorBodies;

    PassThroughReads(ServiceRelay relay, ErrorBodies errorBodies) {
        this.relay = relay;
        this.errorBodies = errorBodies;
    }

    @Override
    public int getOrder() {
        // After the rate limit (0) and the micro-cache (1): a relayed read is counted and may be cached.
        return 2;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String service = HttpMethod.GET.equals(request.getMethod())
                ? ownerOf(request.getPath().pathWithinApplication().value())
                : null;
        if (service == null) {
            return chain.filter(exchange);
        }
        String query = request.getURI().getRawQuery();
        String pathAndQuery = request.getURI().getRawPath() + (query == null ? "" : "?" + query);
        return relay.get(service, pathAndQuery, passed(exchange))
                .flatMap(answer -> write(answer, exchange.getResponse()));
    }

    /**
     * Which service answers a read of {@code path} whole, or {@code null} when it is not one of
     * those reads. Matched segment by segment: it runs on every request.
     */
    static String ownerOf(String path) {
        if (!path.startsWith("/api/")) {
            return null;
        }
        String[] segments = path.substring("/api/".length()).split("/", -1);
        for (String segment : segments) {
            if (segment.isEmpty()) {
                return null;
            }
        }
        return switch (segments[0]) {
            case "articles" ->
                switch (segments.length) {
                    case 1 -> "article";
                    // The feed is the gateway's own (ComposedFeedController).
                    case 2 -> segments[1].equals("feed") ? null : "article";
                    case 3 -> segments[2].equals("comments") ? "comment" : null;
                    default -> null;
                };
            case "tags" -> segments.length == 1 ? "article" : null;
            case "trending" -> segments.length == 1 ? "trending" : null;
            case "alerts" -> segments.length == 1 ? "article" : null;
            case "profiles" -> segments.length == 2 ? "user" : null;
            default -> null;
        };
    }

    /**
     * The client's headers, as a service should see them: without those that describe the client's
     * connection (the usual ones and any its {@code Connection} header names), with the client
     * named, and the gateway's span as the {@code traceparent}.
     */
    private static HttpHeaders passed(ServerWebExchange exchange) {
        HttpHeaders received = exchange.getRequest().getHeaders();
        List<String> connection = received.getConnection();
        HttpHeaders passed = new HttpHeaders();
        received.forEach((name, values) -> {
            String lowerCase = name.toLowerCase(Locale.ROOT);
            if (!NOT_PASSED.contains(lowerCase) && !namedIn(connection, lowerCase)) {
                passed.addAll(name, values);
            }
        });
        ClientIdentity identity = ClientIdentity.from(exchange);
        (identity == null ? new ClientIdentity(null, null) : identity).writeTo(passed);
        TraceParents.writeTo(passed, RequestIds.correlationOf(exchange));
        return passed;
    }

    private static void varyAlsoBy(HttpHeaders headers, String value) {
        for (String name : value.split(",")) {
            String trimmed = name.strip();
            if (!trimmed.isEmpty() && !namedIn(headers.getVary(), trimmed)) {
                headers.add(HttpHeaders.VARY, trimmed);
            }
        }
    }

    private static boolean namedIn(List<String> names, String name) {
        for (String option : names) {
            if (option.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private Mono<Void> write(ServiceRelay.Relayed answer, ServerHttpResponse response) {
        response.setStatusCode(HttpStatusCode.valueOf(answer.status()));
        HttpHeaders headers = response.getHeaders();
        for (String name : answer.headers().names()) {
            String lowerCase = name.toLowerCase(Locale.ROOT);
            if (lowerCase.equals("vary")) {
                // The edge may have said already what the answer varies by (CORS: Origin); both count.
                answer.headers().getAll(name).forEach(value -> varyAlsoBy(headers, value));
            } else if (!NOT_PASSED.contains(lowerCase)) {
                headers.put(name, answer.headers().getAll(name));
            }
        }
        if (answer.status() == HttpStatus.NOT_MODIFIED.value()) {
            return response.setComplete();
        }
        byte[] body = answer.body();
        if (answer.status() >= 400) {
            body = errorBodies
                    .inShape(new String(body, StandardCharsets.UTF_8), answer.status())
                    .getBytes(StandardCharsets.UTF_8);
            headers.setContentType(MediaType.APPLICATION_JSON);
        }
        headers.setContentLength(body.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
