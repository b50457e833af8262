package dev.newsroom.platform.web;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Two kinds of request are refused before any Spring handler runs, and both used to get a status
 * without a body: a target that is not a valid URI ({@code ?tag={x}}, a raw {@code "} or {@code \},
 * a {@code %} not followed by two hex digits), which Spring's adapter cannot turn into a request;
 * and a request line or headers over Reactor Netty's limits (414, 431) or otherwise not HTTP (400),
 * which Netty answers itself. Both now carry the RealWorld error shape, so a client learns what to
 * fix. An answer that already has a body is left alone.
 */
public final class NettyRefusals implements NettyServerCustomizer {

    static final String MALFORMED_URI = "is not a valid URI: percent-encode characters such as { } [ ] \" \\ | ^ `"
            + " < > and spaces, and write % itself as %25";

    private static final byte[] MALFORMED_URI_BODY = body("uri", MALFORMED_URI);

    private static final Map<Integer, byte[]> DECODING_FAILURES = Map.of(
            HttpResponseStatus.REQUEST_URI_TOO_LONG.code(),
            body("uri", "is too long"),
            HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE.code(),
            body("headers", "are too large"),
            HttpResponseStatus.BAD_REQUEST.code(),
            body("request", "is not valid HTTP"));

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, remote) ->
                        channel.pipeline().addLast("newsroomRefusals", DecodingFailures.INSTANCE))
                .mapHandle((handling, connection) -> handling.then(Mono.defer(() -> explain(connection))));
    }

    private static Mono<Void> explain(Connection connection) {
        if (connection instanceof HttpServerResponse response
                && !response.hasSentHeaders()
                && response.status().equals(HttpResponseStatus.BAD_REQUEST)) {
            return response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                    .header(RequestIds.HEADER, RequestIds.newId())
                    .sendByteArray(Mono.just(MALFORMED_URI_BODY))
                    .then();
        }
        return Mono.empty();
    }

    /**
     * Netty's own answer to a request it could not decode is one complete response without a body,
     * written from the end of the pipeline: this gives it one.
     */
    @ChannelHandler.Sharable
    static final class DecodingFailures extends ChannelOutboundHandlerAdapter {

        static final DecodingFailures INSTANCE = new DecodingFailures();

        @Override
        public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
            if (message instanceof FullHttpResponse response
                    && !response.content().isReadable()
                    && DECODING_FAILURES.containsKey(response.status().code())) {
                FullHttpResponse explained = response.replace(Unpooled.wrappedBuffer(
                        DECODING_FAILURES.get(response.status().code())));
                response.release();
                explained
                        .headers()
                        .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                        .set(HttpHeaderNames.CONTENT_LENGTH, explained.content().readableBytes());
                context.write(explained, promise);
                return;
            }
            context.write(message, promise);
        }
    }

    private static byte[] body(String field, String message) {
        String escaped = message.replace("\\", "\\\\").replace("\"", "\\\"");
        return ("{\"errors\":{\"" + field + "\":[\"" + escaped + "\"]}}").getBytes(StandardCharsets.UTF_8);
    }
}
