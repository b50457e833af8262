package dev.newsroom.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the services behind the gateway answer, by name ({@code user}, {@code article}, …): one
 * address, or several comma-separated when a service runs as several instances (the gateway then
 * spreads calls over them and retries an idempotent read on another). A DNS name that resolves to
 * several addresses, as with {@code docker compose --scale}, also works as one address. Also how
 * long the gateway waits for any one call.
 */
@ConfigurationProperties("newsroom")
public record DownstreamServices(
        Map<String, String> services,
        @DefaultValue("2s") Duration healthTimeout,
        @DefaultValue("5s") Duration callTimeout) {

    /** The addresses of every instance of {@code name}. */
    public List<URI> instances(String name) {
        String addresses = services.get(name);
        if (addresses == null || addresses.isBlank()) {
            throw new IllegalStateException("No address configured for newsroom.services." + name);
        }
        return Arrays.stream(addresses.split(","))
                .map(String::strip)
                .filter(address -> !address.isEmpty())
                .map(URI::create)
                .toList();
    }

    /**
     * The address through which calls to {@code name} are load-balanced over its instances: the
     * service's name as the host, resolved per call by the load balancer.
     */
    public static URI balanced(String name) {
        return URI.create("http://" + name);
    }
}
