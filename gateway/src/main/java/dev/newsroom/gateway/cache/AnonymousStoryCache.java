package dev.newsroom.gateway.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.newsroom.platform.web.EntityTags;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.reactivestreams.Publisher;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * An optional micro-cache of anonymous story reads ({@code GET /api/articles/{slug}} without a
 * token): when a story breaks, every reader in the same few seconds gets the answer article-service
 * gave the first of them, from memory. Off unless {@code newsroom.micro-cache.ttl} is set.
 *
 * <p>Only what article-service itself marked shareable ({@code Cache-Control: public}) is kept, so
 * nothing viewer-specific ever is. A reader's {@code If-None-Match} is honoured from the cache too.
 * The price, and why it is off by default: a read served here never reaches article-service, so it
 * is not counted as a view in the rankings, and an edit, a favourite or a comment count may show up
 * to {@code ttl} late to anonymous readers (never to the signed-in, whose reads always go through).
 */
final class AnonymousStoryCache implements WebFilter, Ordered {

    /** One path segment after {@code /api/articles/}: a story, not a list, the feed or a sub-resource. */
    private static final Pattern STORY = Pattern.compile("/api/articles/[^/]+");

    private final MicroCacheProperties properties;
    private final Cache<String, Stored> answers;

    AnonymousStoryCache(MicroCacheProperties properties) {
        this.properties = properties;
        this.answers = Caffeine.newBuilder()
                .expireAfterWrite(properties.enabled() ? properties.ttl() : Duration.ofSeconds(1))
                .maximumWeight(properties.maxSize().toBytes())
                .<String, Stored>weigher((path, stored) -> path.length() + stored.body().length)
                .build();
    }

    @Override
    public int getOrder() {
        // After the rate limit (0): a read served from here still counts against the client's budget.
        return 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!properties.enabled() || !cacheable(request)) {
            return chain.filter(exchange);
        }
        String path = request.getPath().value();
        Stored stored = answers.getIfPresent(path);
        if (stored != null) {
            return stored.writeTo(exchange.getResponse(), request.getHeaders().getIfNoneMatch());
        }
        return chain.filter(exchange.mutate()
                .response(new Keeping(exchange.getResponse(), path))
                .build());
    }

    private static boolean cacheable(ServerHttpRequest request) {
        return HttpMethod.GET.equals(request.getMethod())
                && !request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)
                && request.getURI().getRawQuery() == null
                && STORY.matcher(request.getPath().value()).matches()
                && !request.getPath().value().equals("/api/articles/feed");
    }

    /** Passes article-service's answer on, and keeps a copy when it is a shareable 200. */
    private final class Keeping extends ServerHttpResponseDecorator {

        private final String path;

        Keeping(ServerHttpResponse response, String path) {
            super(response);
            this.path = path;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            if (!shareable()) {
                return super.writeWith(body);
            }
            return DataBufferUtils.join(body).flatMap(joined -> {
                byte[] copy = new byte[joined.readableByteCount()];
                joined.toByteBuffer(joined.readPosition(), java.nio.ByteBuffer.wrap(copy), 0, copy.length);
                answers.put(path, Stored.of(getHeaders(), copy));
                return super.writeWith(Mono.just(joined));
            });
        }

        private boolean shareable() {
            String cacheControl = getHeaders().getCacheControl();
            return getStatusCode() != null
                    && getStatusCode().value() == HttpStatus.OK.value()
                    && cacheControl != null
                    && List.of(cacheControl.split("\\s*,\\s*")).contains("public");
        }
    }

    /** One kept answer: the headers a reader needs and the body. */
    private record Stored(HttpHeaders headers, byte[] body, long storedAtNanos) {

        static final List<String> KEPT =
                List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.ETAG, HttpHeaders.CACHE_CONTROL, HttpHeaders.VARY);

        static Stored of(HttpHeaders answer, byte[] body) {
            HttpHeaders kept = new HttpHeaders();
            KEPT.forEach(name -> {
                List<String> values = answer.get(name);
                if (values != null) {
                    kept.put(name, List.copyOf(values));
                }
            });
            return new Stored(kept, body, System.nanoTime());
        }

        Mono<Void> writeTo(ServerHttpResponse response, List<String> ifNoneMatch) {
            response.getHeaders().putAll(headers);
            // How old the answer is, so a cache in front subtracts it from max-age (RFC 9111 §5.1).
            response.getHeaders()
                    .set(
                            HttpHeaders.AGE,
                            String.valueOf(Duration.ofNanos(System.nanoTime() - storedAtNanos)
                                    .toSeconds()));
            String etag = headers.getETag();
            if (etag != null && EntityTags.anyMatches(ifNoneMatch, etag)) {
                response.setStatusCode(HttpStatus.NOT_MODIFIED);
                response.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
                return response.setComplete();
            }
            response.setStatusCode(HttpStatus.OK);
            return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
        }
    }
}
