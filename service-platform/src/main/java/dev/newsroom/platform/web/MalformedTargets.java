package dev.newsroom.platform.web;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A request target that is not a valid URI ({@code ?tag={x}}, a raw {@code "} or {@code \}, a
 * {@code %} not followed by two hex digits) never reaches Spring's handlers: its adapter cannot
 * build the request, sets 400 and answers nothing. This fills that empty answer with the RealWorld
 * shape, so a client learns what to fix; any answer that was written is left alone.
 */
public final class MalformedTargets implements NettyServerCustomizer {

    static final String MESSAGE = "is not a valid URI: percent-encode characters such as { } [ ] \" \\ | ^ `"
            + " < > and spaces, and write % itself as %25";

    private static final byte[] BODY = ("{\"errors\":{\"uri\":[\""
                    + MESSAGE.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]}}")
            .getBytes(StandardCharsets.UTF_8);

    @Override
    public HttpServer apply(HttpServer server) {
        return server.mapHandle((handling, connection) -> handling.then(Mono.defer(() -> explain(connection))));
    }

    private static Mono<Void> explain(Connection connection) {
        if (connection instanceof HttpServerResponse response
                && !response.hasSentHeaders()
                && response.status().equals(HttpResponseStatus.BAD_REQUEST)) {
            return response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                    .header(RequestIds.HEADER, RequestIds.newId())
                    .sendByteArray(Mono.just(BODY))
                    .then();
        }
        return Mono.empty();
    }
}
