package dev.newsroom.platform.authors;

import dev.newsroom.platform.projection.ProjectionLookup;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The authors' profiles a service shows ({@code newsroom.authors.*}).
 *
 * @param writerLookup how long the answer to a write waits for its author's profile to reach the
 *     users projection (a client that registers and writes at once is a few milliseconds ahead of
 *     the event), and how often it looks meanwhile
 * @param cacheTtl how long a profile read from the users projection is reused by this instance's
 *     reads ({@code 0}: never). The other instances of the service may show a changed profile for up
 *     to this long after one of them applied the change, on top of the event's own lag (60-330 ms
 *     measured): at most 500 ms keeps a profile change on every story within 1 s (see {@link
 *     CachedUsers})
 * @param cacheSize how many profiles are kept at most
 */
@ConfigurationProperties("newsroom.authors")
public record AuthorsProperties(
        @DefaultValue ProjectionLookup writerLookup,
        @DefaultValue("500ms") Duration cacheTtl,
        @DefaultValue("10000") long cacheSize) {

    public AuthorsProperties {
        if (cacheTtl.isNegative()) {
            throw new IllegalArgumentException("newsroom.authors.cache-ttl must not be negative");
        }
        if (cacheSize < 1) {
            throw new IllegalArgumentException("newsroom.authors.cache-size must be at least 1");
        }
    }
}
