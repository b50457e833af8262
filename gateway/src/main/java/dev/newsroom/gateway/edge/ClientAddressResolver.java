package dev.newsroom.gateway.edge;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The address of the client a request comes from, as far as the gateway can vouch for it. It starts
 * from the peer (whoever opened the connection); while that address belongs to a trusted proxy
 * ({@code newsroom.edge.trusted-proxies}), the proxy is believed about the hop before it, which is
 * the next entry from the right of the header it writes ({@code X-Forwarded-For} or RFC 7239 {@code
 * Forwarded}, {@code newsroom.edge.proxy-header}). The first address that is not a trusted proxy is
 * the client; whatever stands left of it was written by that client and is ignored. A trusted proxy
 * that does not name its client ({@code for=unknown}, an obfuscated identifier, anything that is not
 * an address) ends the walk at the proxy itself.
 *
 * <p>With no proxy trusted (the default) the peer is the client, whatever the headers say. Only the
 * configured header is read: a proxy that appends {@code X-Forwarded-For} passes a client's own
 * {@code Forwarded} on untouched, so believing both would let the client choose its address.
 *
 * <p>Spring Cloud Gateway's {@code trusted-proxies} (a regular expression deciding whether the peer's
 * forwarded headers are kept, and then the leftmost entry is believed) and Spring's {@code
 * ForwardedHeaderTransformer} (the first entry, from anyone) both take the client's word at the far
 * end. The networks are matched with Netty's {@link IpSubnetFilterRule}, and every address is
 * read as a literal by Netty's {@link NetUtil}: no name in a header or in the setting is ever looked
 * up.
 */
final class ClientAddressResolver {

    private final List<IpSubnetFilterRule> trusted;
    private final EdgeProperties.ProxyHeader header;

    ClientAddressResolver(List<String> trustedProxies, EdgeProperties.ProxyHeader header) {
        this.trusted = new ArrayList<>();
        for (String entry : trustedProxies) {
            if (!entry.isBlank()) {
                trusted.add(network(entry.trim()));
            }
        }
        this.header = header;
    }

    /** The client's address, or {@code null} when the connection's peer is not known. */
    String resolve(ServerHttpRequest request) {
        InetSocketAddress peer = request.getRemoteAddress();
        if (peer == null || peer.getAddress() == null) {
            return null;
        }
        InetAddress current = peer.getAddress();
        if (trusted.isEmpty() || !isTrusted(current)) {
            return NetUtil.toAddressString(current);
        }
        List<String> lines = request.getHeaders().get(header.headerName());
        if (lines != null && !lines.isEmpty()) {
            List<String> hops = header == EdgeProperties.ProxyHeader.FORWARDED
                    ? ForwardedHops.forwarded(lines)
                    : ForwardedHops.xForwardedFor(lines);
            for (int i = hops.size() - 1; i >= 0; i--) {
                InetAddress hop = ForwardedHops.address(hops.get(i));
                if (hop == null) {
                    break;
                }
                current = hop;
                if (!isTrusted(current)) {
                    break;
                }
            }
        }
        return NetUtil.toAddressString(current);
    }

    private boolean isTrusted(InetAddress address) {
        InetSocketAddress socket = new InetSocketAddress(address, 0);
        for (IpSubnetFilterRule network : trusted) {
            if (network.matches(socket)) {
                return true;
            }
        }
        return false;
    }

    /** An address or a CIDR block; anything else stops the gateway from starting, naming the entry. */
    private static IpSubnetFilterRule network(String entry) {
        int slash = entry.indexOf('/');
        InetAddress address =
                NetUtil.createInetAddressFromIpAddressString(slash < 0 ? entry : entry.substring(0, slash));
        if (address == null) {
            throw invalid(entry, "is not an IP address or CIDR block (host names are not accepted)");
        }
        int bits = address.getAddress().length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? bits : Integer.parseInt(entry.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw invalid(entry, "has no prefix length after the /");
        }
        if (prefix < 0 || prefix > bits) {
            throw invalid(entry, "has a prefix length outside 0-" + bits);
        }
        return new IpSubnetFilterRule(address, prefix, IpFilterRuleType.ACCEPT);
    }

    private static IllegalArgumentException invalid(String entry, String problem) {
        return new IllegalArgumentException(
                "newsroom.edge.trusted-proxies (TRUSTED_PROXIES): \"" + entry + "\" " + problem);
    }
}
