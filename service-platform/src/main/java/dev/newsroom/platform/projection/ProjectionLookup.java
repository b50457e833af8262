package dev.newsroom.platform.projection;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a request waits for a key (a slug, say) that the projection has not seen yet: its event may
 * be a few milliseconds behind the client that just saw the aggregate created. One record for every
 * service that keeps a projection, nested in the service's own properties under the key it always
 * had (e.g. {@code newsroom.comments.article-lookup.max-wait}).
 *
 * @param maxWait how long a request waits for an unknown key to appear before it is not found
 * @param interval how often it looks again meanwhile
 */
public record ProjectionLookup(
        @DefaultValue("2s") Duration maxWait,
        @DefaultValue("100ms") Duration interval) {

    /** How many more times to look after the first miss. */
    public long retries() {
        if (interval.isZero() || interval.isNegative()) {
            return 0;
        }
        return maxWait.toMillis() / interval.toMillis();
    }
}
