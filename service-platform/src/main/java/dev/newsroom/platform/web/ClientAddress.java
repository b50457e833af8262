package dev.newsroom.platform.web;

import java.net.InetSocketAddress;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The address a request came from, for per-client limits and de-duplication. Behind the gateway
 * that is the last {@code X-Forwarded-For} entry: the gateway appends the address it saw to whatever
 * the client sent, so earlier entries are the client's own words and must not be trusted. Without
 * the header it is the peer's address.
 */
public final class ClientAddress {

    private ClientAddress() {}

    /** The client's address, or {@code null} when none is known. */
    public static String of(ServerHttpRequest request) {
        String forwarded = request.getHeaders().getFirst("X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank()) {
            String[] hops = forwarded.split(",");
            String nearest = hops[hops.length - 1].trim();
            if (!nearest.isEmpty()) {
                return nearest;
            }
        }
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null
                ? null
                : remote.getAddress().getHostAddress();
    }
}
