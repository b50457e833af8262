package dev.newsroom.gateway.compose;

import dev.newsroom.gateway.DownstreamServices;
import dev.newsroom.gateway.edge.ClientIdentity;
import dev.newsroom.platform.web.ApiException;
import dev.newsroom.platform.web.RequestIds;
import java.net.URI;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;
import org.springframework.cloud.client.loadbalancer.reactive.ReactorLoadBalancerExchangeFilterFunction;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;

/**
 * Calls from the gateway to the services behind it, each bounded by the call timeout. A service's
 * own error answer (404, 403, 422, …) is passed on to the client unchanged as a {@link
 * ServiceAnswer}; a service that does not answer, or fails, becomes a 503 in the RealWorld shape.
 * Every call carries the request id and the reader's {@link ClientIdentity}.
 */
@Component
public class Downstream {

    private static final Logger log = LoggerFactory.getLogger(Downstream.class);

    private final WebClient web;
    private final DownstreamServices services;

    private final ReactiveCircuitBreakerFactory<?, ?> breakers;

    Downstream(
            WebClient.Builder web,
            ReactorLoadBalancerExchangeFilterFunction balancing,
            DownstreamServices services,
            ReactiveCircuitBreakerFactory<?, ?> breakers) {
        this.web = web.clone().filter(balancing).build();
        this.services = services;
        this.breakers = breakers;
    }

    public Mono<JsonNode> get(String service, String pathAndQuery, String authorization) {
        return exchange(HttpMethod.GET, service, pathAndQuery, authorization, null, JsonNode.class);
    }

    /**
     * A read whose answer is passed on rather than looked into: its bytes as they came, without the
     * cost of parsing them into a tree and writing the tree out again ({@link PageJson}).
     */
    public Mono<byte[]> getBytes(String service, String pathAndQuery, String authorization) {
        return exchange(HttpMethod.GET, service, pathAndQuery, authorization, null, byte[].class);
    }

    public Mono<JsonNode> exchange(
            HttpMethod method, String service, String pathAndQuery, String authorization, Object body) {
        return exchange(method, service, pathAndQuery, authorization, body, JsonNode.class);
    }

    /** Every call goes this one way, whatever its answer is read as. */
    private <T> Mono<T> exchange(
            HttpMethod method,
            String service,
            String pathAndQuery,
            String authorization,
            Object body,
            Class<T> answer) {
        URI target = URI.create(DownstreamServices.balanced(service) + pathAndQuery);
        WebClient.RequestBodySpec request = web.method(method).uri(target).accept(MediaType.APPLICATION_JSON);
        if (authorization != null) {
            request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        WebClient.RequestHeadersSpec<?> ready = body == null
                ? request
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        return Mono.deferContextual(context -> {
            String requestId = RequestIds.from(context);
            if (requestId != null) {
                ready.header(RequestIds.HEADER, requestId);
            }
            passClient(ready, context);
            Mono<T> call = ready.exchangeToMono(response -> read(response, answer))
                    // A read that could not reach its instance is tried once more, on the next
                    // instance; a write is never sent twice.
                    .retryWhen(Retry.max(method == HttpMethod.GET ? 1 : 0)
                            .filter(failure -> failure instanceof WebClientRequestException))
                    .timeout(services.callTimeout());
            // One breaker per service, shared with the proxied routes: while it is open the service
            // is not called at all, and the client gets the 503 at once.
            return breakers.create(service)
                    .run(call, Mono::error)
                    .onErrorMap(failure -> unavailable(service, failure, requestId));
        });
    }

    /**
     * The reader's address and browser, as on the proxied routes: a composed read is the reader's
     * read, and services count and limit readers by them.
     */
    private static void passClient(WebClient.RequestHeadersSpec<?> request, ContextView context) {
        ClientIdentity client = ClientIdentity.from(context);
        if (client != null) {
            request.headers(client::writeTo);
        }
    }

    private static <T> Mono<T> read(ClientResponse response, Class<T> answer) {
        if (response.statusCode().is5xxServerError()) {
            return response.releaseBody()
                    .then(Mono.error(new IllegalStateException("answered " + response.statusCode())));
        }
        if (response.statusCode().isError()) {
            return response.bodyToMono(String.class)
                    .defaultIfEmpty("")
                    .flatMap(body ->
                            Mono.error(new ServiceAnswer(response.statusCode().value(), body)));
        }
        return response.bodyToMono(answer);
    }

    private static Throwable unavailable(String service, Throwable failure, String requestId) {
        if (failure instanceof ServiceAnswer || failure instanceof ApiException) {
            return failure;
        }
        if (!(failure instanceof WebClientRequestException || failure instanceof TimeoutException)) {
            RequestIds.logWith(requestId, () -> log.warn("{}-service failed: {}", service, failure.toString()));
        }
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "service", "unavailable");
    }

    /** A service answered with a client error; the client gets that answer as it is. */
    public static final class ServiceAnswer extends RuntimeException {

        private final int status;
        private final String body;

        ServiceAnswer(int status, String body) {
            super(null, null, false, false);
            this.status = status;
            this.body = body;
        }

        public int status() {
            return status;
        }

        public String body() {
            return body;
        }
    }
}
