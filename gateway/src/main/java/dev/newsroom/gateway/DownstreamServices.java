package dev.newsroom.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the services behind the gateway answer, by name ({@code user}, {@code article}, …), and how
 * long the gateway waits for any one of them before it gives up on that call.
 */
@ConfigurationProperties("newsroom")
public record DownstreamServices(
        Map<String, URI> services,
        @DefaultValue("2s") Duration healthTimeout,
        @DefaultValue("5s") Duration callTimeout) {

    public URI service(String name) {
        URI uri = services.get(name);
        if (uri == null) {
            throw new IllegalStateException("No address configured for newsroom.services." + name);
        }
        return uri;
    }
}
