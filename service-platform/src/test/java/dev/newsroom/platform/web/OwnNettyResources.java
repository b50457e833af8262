package dev.newsroom.platform.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * For a second instance of a service started inside a test JVM (next to the test's own application
 * context): its Reactor Netty event loops and connection pool are its own. By default every context
 * shares Reactor Netty's global resources, and closing one context disposes them, under the other
 * context's server and the test's {@code WebTestClient}: a request in flight then never gets its
 * answer (seen in CI as a 30 s timeout in the test class that ran next).
 */
@Configuration(proxyBeanMethods = false)
public class OwnNettyResources {

    @Bean
    ReactorResourceFactory reactorResourceFactory() {
        ReactorResourceFactory resources = new ReactorResourceFactory();
        resources.setUseGlobalResources(false);
        return resources;
    }
}
