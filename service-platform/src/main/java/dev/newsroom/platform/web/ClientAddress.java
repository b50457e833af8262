package dev.newsroom.platform.web;

import java.net.InetSocketAddress;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The address a request came from, for per-client limits and de-duplication. Behind the gateway
 * that is its {@code X-Forwarded-For}: the gateway resolves the client's address itself (through the
 * proxies it is configured to trust) and sets the header to that one address, replacing whatever the
 * client sent, on proxied routes and composed calls alike. Only the last entry is read, so that
 * anything else that appends still cannot make a client's own words count. Services may believe the
 * header because only the gateway can reach them; without it the address is the peer's.
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
