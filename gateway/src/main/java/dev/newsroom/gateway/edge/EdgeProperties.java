package dev.newsroom.gateway.edge;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What the gateway enforces at the door ({@code newsroom.edge.*}).
 *
 * @param allowedOrigins origins whose browser scripts may call the API ({@code *}: any)
 * @param maxBodySize the largest request body accepted; larger ones are refused with 413 before
 *     they reach a service
 * @param rateLimit the per-client budget of API requests
 * @param trustedProxies the proxies in front of the gateway (an ingress, a load balancer, a CDN)
 *     whose word about the client's address is believed: addresses or CIDR blocks; empty (the
 *     default), only the connection's peer counts ({@link ClientAddressResolver})
 * @param proxyHeader the header those proxies write the client's address into
 */
@ConfigurationProperties("newsroom.edge")
public record EdgeProperties(
        @DefaultValue("*") List<String> allowedOrigins,
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue List<String> trustedProxies,
        @DefaultValue("x-forwarded-for") ProxyHeader proxyHeader) {

    /** Where trusted proxies name the hop before them. */
    public enum ProxyHeader {
        /** {@code X-Forwarded-For: client, proxy1, proxy2}: each proxy appends its peer. */
        X_FORWARDED_FOR("X-Forwarded-For"),
        /** RFC 7239 {@code Forwarded: for=client, for="[2001:db8::1]:4711"}. */
        FORWARDED("Forwarded");

        private final String headerName;

        ProxyHeader(String headerName) {
            this.headerName = headerName;
        }

        public String headerName() {
            return headerName;
        }
    }

    /**
     * A token bucket per client (its user id when signed in, its address otherwise).
     *
     * @param enabled whether requests are counted at all
     * @param capacity the most requests a client may make in a burst
     * @param refill how many tokens come back per {@code period}
     * @param period see {@code refill}
     * @param redisUrl when set ({@code redis://host:6379}), the buckets live in Redis and every
     *     gateway instance draws from the same budget; otherwise each instance keeps its own in memory
     */
    public record RateLimit(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("300") long capacity,
            @DefaultValue("300") long refill,
            @DefaultValue("1m") Duration period,
            String redisUrl) {

        public RateLimit {
            if (capacity < 1 || refill < 1 || period.isZero() || period.isNegative()) {
                throw new IllegalArgumentException(
                        "newsroom.edge.rate-limit needs a positive capacity, refill and period");
            }
        }
    }
}
