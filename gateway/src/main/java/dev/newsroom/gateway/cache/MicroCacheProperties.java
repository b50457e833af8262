package dev.newsroom.gateway.cache;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The gateway's micro-cache of anonymous story reads ({@code newsroom.micro-cache.*}).
 *
 * @param ttl how long one answer is served from memory; {@code 0s} (the default) turns the cache
 *     off. At most {@value #MAX_TTL_SECONDS} s: it absorbs a burst of readers on one story, it is
 *     not a place for stories to go stale
 * @param maxSize the most bytes of answers kept; the least used go first
 */
@ConfigurationProperties("newsroom.micro-cache")
public record MicroCacheProperties(
        @DefaultValue("0s") Duration ttl,
        @DefaultValue("16MB") DataSize maxSize) {

    static final long MAX_TTL_SECONDS = 10;

    public MicroCacheProperties {
        if (ttl.isNegative() || ttl.compareTo(Duration.ofSeconds(MAX_TTL_SECONDS)) > 0) {
            throw new IllegalArgumentException(
                    "newsroom.micro-cache.ttl must be between 0s (off) and " + MAX_TTL_SECONDS + "s, not " + ttl);
        }
        if (maxSize.toBytes() < 1) {
            throw new IllegalArgumentException("newsroom.micro-cache.max-size must be positive");
        }
    }

    boolean enabled() {
        return !ttl.isZero();
    }
}
