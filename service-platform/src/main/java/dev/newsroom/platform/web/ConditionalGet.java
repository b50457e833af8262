package dev.newsroom.platform.web;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import org.reactivestreams.Publisher;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * HTTP caching for every successful JSON read under {@code /api/}: an {@code ETag} (a checksum of
 * the body), a {@code 304 Not Modified} without the body when the client's {@code If-None-Match}
 * names it, and a {@code Cache-Control} that lets a shared cache (a CDN, the operator's reverse
 * proxy) keep an anonymous answer for {@code max-age} but never one to a request with a token.
 *
 * <ul>
 *   <li>No {@code Authorization}: {@code public, max-age=N}. A story, list or count read this way
 *       may be up to N seconds old at a cache in front of the gateway (docs/benchmarks.md).
 *   <li>With {@code Authorization}: {@code private, no-cache}: only the client itself may keep it,
 *       and must ask again (cheaply, with the ETag) before each use, because it carries the
 *       viewer's {@code following} and {@code favorited}.
 *   <li>Both say {@code Vary: Authorization}, so a cache never hands an anonymous answer to a
 *       signed-in reader.
 * </ul>
 *
 * <p>An answer that already has an {@code ETag} is left alone: behind the gateway, the service
 * that wrote it set all three headers, and the gateway passes them on. Streams, errors and other
 * statuses are not touched.
 */
final class ConditionalGet implements WebFilter, Ordered {

    private static final CacheControl SIGNED_IN = CacheControl.noCache().cachePrivate();

    private final CacheControl anonymous;

    ConditionalGet(Duration maxAge) {
        this.anonymous = CacheControl.maxAge(maxAge).cachePublic();
    }

    @Override
    public int getOrder() {
        // Outside everything that writes a body, so it sees every answer to a read.
        return Ordered.HIGHEST_PRECEDENCE + 3;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!HttpMethod.GET.equals(request.getMethod())
                || !request.getPath().pathWithinApplication().value().startsWith("/api/")) {
            return chain.filter(exchange);
        }
        boolean signedIn = request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
        ServerHttpResponse response = new Revalidated(
                exchange.getResponse(), request.getHeaders().getIfNoneMatch(), signedIn ? SIGNED_IN : anonymous);
        return chain.filter(exchange.mutate().response(response).build());
    }

    /** The answer to one read: tagged, and replaced by a 304 when the client has it already. */
    private static final class Revalidated extends ServerHttpResponseDecorator {

        private final List<String> ifNoneMatch;
        private final CacheControl cacheControl;

        Revalidated(ServerHttpResponse response, List<String> ifNoneMatch, CacheControl cacheControl) {
            super(response);
            this.ifNoneMatch = ifNoneMatch;
            this.cacheControl = cacheControl;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            if (!cacheable()) {
                return super.writeWith(body);
            }
            return DataBufferUtils.join(body).flatMap(joined -> {
                String etag = etagOf(joined);
                HttpHeaders headers = getHeaders();
                headers.setETag(etag);
                headers.setCacheControl(cacheControl);
                headers.setVary(List.of(HttpHeaders.AUTHORIZATION));
                if (EntityTags.anyMatches(ifNoneMatch, etag)) {
                    DataBufferUtils.release(joined);
                    setStatusCode(HttpStatus.NOT_MODIFIED);
                    headers.remove(HttpHeaders.CONTENT_LENGTH);
                    return getDelegate().setComplete();
                }
                return getDelegate().writeWith(Mono.just(joined));
            });
        }

        private boolean cacheable() {
            HttpHeaders headers = getHeaders();
            MediaType type = headers.getContentType();
            return (getStatusCode() == null || getStatusCode().value() == HttpStatus.OK.value())
                    && type != null
                    && MediaType.APPLICATION_JSON.isCompatibleWith(type)
                    && headers.getETag() == null;
        }
    }

    /**
     * A 64-bit checksum of the body's bytes (CRC-32C and CRC-32, two different polynomials, side by
     * side), read without moving the buffer's position. The tag only tells versions of one answer
     * apart and protects nothing, so a cryptographic digest is not needed; both checksums are
     * computed by the processor's own instructions, where MD5 took 18 % of article-service's CPU on
     * a hot story read (a 4.7 KB answer, docs/benchmarks.md).
     */
    static String etagOf(DataBuffer body) {
        CRC32C first = new CRC32C();
        CRC32 second = new CRC32();
        try (DataBuffer.ByteBufferIterator buffers = body.readableByteBuffers()) {
            while (buffers.hasNext()) {
                ByteBuffer next = buffers.next();
                first.update(next.duplicate());
                second.update(next);
            }
        }
        byte[] tag = ByteBuffer.allocate(Long.BYTES)
                .putInt((int) first.getValue())
                .putInt((int) second.getValue())
                .array();
        return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(tag) + "\"";
    }
}
