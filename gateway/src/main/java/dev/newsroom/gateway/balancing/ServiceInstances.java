package dev.newsroom.gateway.balancing;

import dev.newsroom.gateway.DownstreamServices;
import java.net.URI;
import java.util.List;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import reactor.core.publisher.Flux;

/**
 * The instances of each service, from the configured address lists ({@code USER_SERVICE_URL} and
 * friends, comma-separated), for Spring Cloud LoadBalancer: the proxied routes ({@code lb://user})
 * and the composed calls ({@code http://user} through the load-balancing filter) pick among them
 * round-robin.
 */
class ServiceInstances implements ReactiveDiscoveryClient {

    private final DownstreamServices services;

    ServiceInstances(DownstreamServices services) {
        this.services = services;
    }

    @Override
    public String description() {
        return "Newsroom service addresses from newsroom.services.*";
    }

    @Override
    public Flux<ServiceInstance> getInstances(String serviceId) {
        if (!services.services().containsKey(serviceId)) {
            return Flux.empty();
        }
        List<URI> addresses = services.instances(serviceId);
        return Flux.range(0, addresses.size()).map(index -> instance(serviceId, index, addresses.get(index)));
    }

    @Override
    public Flux<String> getServices() {
        return Flux.fromIterable(services.services().keySet());
    }

    private static ServiceInstance instance(String serviceId, int index, URI address) {
        boolean secure = "https".equals(address.getScheme());
        int port = address.getPort() != -1 ? address.getPort() : secure ? 443 : 80;
        return new DefaultServiceInstance(serviceId + "-" + index, serviceId, address.getHost(), port, secure);
    }
}
