package dev.newsroom.gateway.edge;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the hops a request passed through from what the proxies in front of the gateway wrote: the
 * entries of {@code X-Forwarded-For}, or the {@code for=} parameters of RFC 7239 {@code Forwarded},
 * over every line of the header, in order (the client first, the nearest proxy last). Nothing here
 * decides whom to believe; that is {@link ClientAddressResolver}'s walk from the right.
 *
 * <p>A node is kept as written and only turned into an address by {@link #address}, which accepts IP
 * literals alone (with or without a port, IPv6 bracketed or bare) and never looks a name up: these
 * are a client's words until a trusted proxy vouches for them.
 */
final class ForwardedHops {

    private ForwardedHops() {}

    /** The entries of {@code X-Forwarded-For} lines, blank entries left out. */
    static List<String> xForwardedFor(List<String> lines) {
        List<String> hops = new ArrayList<>();
        for (String line : lines) {
            for (String entry : line.split(",", -1)) {
                if (!entry.isBlank()) {
                    hops.add(entry.trim());
                }
            }
        }
        return hops;
    }

    /**
     * The {@code for=} node of each element of {@code Forwarded} lines (unquoted), blank elements left
     * out; an element without one is the empty string, a hop whose client is not known.
     */
    static List<String> forwarded(List<String> lines) {
        List<String> hops = new ArrayList<>();
        for (String line : lines) {
            for (String element : split(line, ',')) {
                if (element.isBlank()) {
                    continue;
                }
                String node = "";
                for (String pair : split(element, ';')) {
                    int equals = pair.indexOf('=');
                    if (equals > 0 && pair.substring(0, equals).trim().equalsIgnoreCase("for")) {
                        node = unquote(pair.substring(equals + 1).trim());
                    }
                }
                hops.add(node);
            }
        }
        return hops;
    }

    /**
     * The address a node names, or {@code null} when it names none: {@code unknown}, an obfuscated
     * identifier ({@code _hidden}), a host name, or anything malformed.
     */
    static InetAddress address(String node) {
        String host = node.trim();
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            if (end < 0 || end + 1 < host.length() && host.charAt(end + 1) != ':') {
                return null;
            }
            String inside = host.substring(1, end);
            return NetUtil.isValidIpV6Address(inside) ? NetUtil.createInetAddressFromIpAddressString(inside) : null;
        }
        int colon = host.indexOf(':');
        if (colon >= 0 && colon == host.lastIndexOf(':')) {
            // One colon: an IPv4 address and its port (IPv6 has at least two).
            host = host.substring(0, colon);
            return NetUtil.isValidIpV4Address(host) ? NetUtil.createInetAddressFromIpAddressString(host) : null;
        }
        if (host.indexOf('%') >= 0) {
            // A zone names an interface of the writer's own machine; it means nothing here.
            return null;
        }
        return NetUtil.createInetAddressFromIpAddressString(host);
    }

    /** Splits on {@code separator} outside quoted strings (RFC 7230 quoted-string, with escapes). */
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == separator) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static String unquote(String value) {
        if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
            return value;
        }
        StringBuilder plain = new StringBuilder(value.length());
        for (int i = 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() - 1) {
                c = value.charAt(++i);
            }
            plain.append(c);
        }
        return plain.toString();
    }
}
