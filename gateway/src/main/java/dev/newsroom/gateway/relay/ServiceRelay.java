package dev.newsroom.gateway.relay;

import dev.newsroom.gateway.DownstreamServices;
import dev.newsroom.gateway.resilience.ServiceBreakers;
import dev.newsroom.platform.web.ApiException;
import dev.newsroom.platform.web.RequestIds;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.netty.channel.ChannelOption;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Every call the gateway makes to a service outside Spring Cloud Gateway's routes: the reads it
 * passes on ({@link PassThroughReads}) and the calls it composes answers from ({@code Downstream}).
 * One Reactor Netty client, with the promises of a proxied route: round-robin over the service's
 * instances, the service's circuit breaker (shared with the routes), a read that could not be answered
 * tried once more on the next instance (a write never is), and the call timeout. It replaced the
 * routes and a load-balanced {@code WebClient} on these paths because their per-request machinery
 * cost the gateway as much CPU per read as the service spent answering it (docs/benchmarks.md).
 */
@Component
public class ServiceRelay implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ServiceRelay.class);
    private static final byte[] EMPTY = new byte[0];

    private final Map<String, Instances> services;
    private final ConnectionProvider connections;
    private final HttpClient client;
    private final Duration callTimeout;

    ServiceRelay(
            DownstreamServices services,
            ServiceBreakers breakers,
            @Value("${spring.cloud.gateway.server.webflux.httpclient.connect-timeout:2000}") int connectTimeoutMillis) {
        this.services = services.services().keySet().stream()
                .collect(Collectors.toUnmodifiableMap(
                        Function.identity(), name -> new Instances(services.instances(name), breakers.of(name))));
        this.callTimeout = services.callTimeout();
        this.connections = ConnectionProvider.builder("newsroom-relay")
                .maxConnections(500)
                // Given up before a service's side could close it under a request.
                .maxIdleTime(Duration.ofSeconds(30))
                .build();
        // No response timeout per attempt: the call's own timeout (below) bounds both attempts together.
        this.client = HttpClient.create(connections).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis);
    }

    /** The pooled connections close with the application, not when the services time them out. */
    @Override
    public void destroy() {
        connections.dispose();
    }

    /** A read of {@code pathAndQuery}; see {@link #call}. */
    public Mono<Relayed> get(String service, String pathAndQuery, HttpHeaders headers) {
        return call(HttpMethod.GET, service, pathAndQuery, headers, null);
    }

    /**
     * {@code method} {@code pathAndQuery} (raw, as a client would send it) on one instance of {@code
     * service}, with {@code headers} and {@code body} (none when {@code null}). Every answer below 500
     * is the service's, whatever its status. A 5xx answer, a failed connection or a timeout is a
     * failure: a GET is tried once more on the next instance, and what still fails is the RealWorld
     * 503 ({@link ApiException}, logged here unless the service simply could not be reached), as is
     * every call while the service's breaker is open.
     */
    public Mono<Relayed> call(
            HttpMethod method, String service, String pathAndQuery, HttpHeaders headers, byte[] body) {
        Instances instances = services.get(service);
        if (instances == null) {
            return Mono.error(new IllegalArgumentException("No service called " + service));
        }
        int first = instances.next();
        Mono<Relayed> call = attempt(method, instances.at(first), pathAndQuery, headers, body);
        if (HttpMethod.GET.equals(method)) {
            // Once more, on the next instance (the same one when there is only one).
            call = call.onErrorResume(failure -> attempt(method, instances.at(first + 1), pathAndQuery, headers, body));
        }
        return Timeouts.within(call, callTimeout)
                .transform(CircuitBreakerOperator.of(instances.breaker()))
                .onErrorResume(failure -> Mono.deferContextual(context -> {
                    if (!quietly(failure)) {
                        RequestIds.logWith(
                                RequestIds.correlationIn(context),
                                () -> log.warn("{}-service failed: {}", service, failure.toString()));
                    }
                    return Mono.error(new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "service", "unavailable"));
                }));
    }

    private Mono<Relayed> attempt(
            HttpMethod method, URI instance, String pathAndQuery, HttpHeaders headers, byte[] body) {
        HttpClient.RequestSender request = client.headers(outgoing -> headers.forEach(outgoing::add))
                .request(io.netty.handler.codec.http.HttpMethod.valueOf(method.name()))
                .uri(instance + pathAndQuery);
        HttpClient.ResponseReceiver<?> sent =
                body == null ? request : request.send(ByteBufFlux.fromInbound(Mono.just(body)));
        return sent.responseSingle((response, content) -> content.asByteArray()
                        .defaultIfEmpty(EMPTY)
                        .map(bytes -> new Relayed(response.status().code(), response.responseHeaders(), bytes)))
                .flatMap(relayed ->
                        relayed.status() >= 500 ? Mono.error(new FailedAnswer(relayed.status())) : Mono.just(relayed));
    }

    /**
     * A service that cannot be reached, is slow or is known to be down says so on every call until it
     * is back: not worth a log line each time. A 5xx or anything unexpected is.
     */
    private static boolean quietly(Throwable failure) {
        return failure instanceof IOException
                || failure instanceof TimeoutException
                || failure instanceof io.netty.handler.timeout.TimeoutException
                || failure instanceof CallNotPermittedException;
    }

    /** A service's answer: its status, headers and whole body. */
    public record Relayed(int status, io.netty.handler.codec.http.HttpHeaders headers, byte[] body) {}

    /** A 5xx answer: a failure of the service, retried and counted by its breaker like no answer at all. */
    static final class FailedAnswer extends RuntimeException {

        FailedAnswer(int status) {
            super("answered " + status, null, false, false);
        }
    }

    /** A service's instances, taken in turn, and its breaker. */
    private static final class Instances {

        private final List<URI> addresses;
        private final CircuitBreaker breaker;
        private final AtomicInteger turn = new AtomicInteger();

        Instances(List<URI> addresses, CircuitBreaker breaker) {
            this.addresses = List.copyOf(addresses);
            this.breaker = breaker;
        }

        CircuitBreaker breaker() {
            return breaker;
        }

        int next() {
            return turn.getAndIncrement() & Integer.MAX_VALUE;
        }

        URI at(int index) {
            return addresses.get(index % addresses.size());
        }
    }
}
