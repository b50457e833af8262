package dev.newsroom.gateway.compose;

import dev.newsroom.gateway.edge.ClientIdentity;
import dev.newsroom.gateway.relay.ServiceRelay;
import dev.newsroom.platform.tracing.Correlation;
import dev.newsroom.platform.tracing.TraceParents;
import dev.newsroom.platform.web.RequestIds;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The calls the gateway composes answers from, through the {@link ServiceRelay} (balanced, behind the
 * service's breaker, bounded by the call timeout). A service's own error answer (404, 403, 422, …) is
 * passed on to the client unchanged as a {@link ServiceAnswer}; a service that does not answer, or
 * fails, becomes a 503 in the RealWorld shape. Every call carries the request id and the reader's
 * {@link ClientIdentity}.
 */
@Component
public class Downstream {

    private final ServiceRelay relay;
    private final JsonMapper json;

    Downstream(ServiceRelay relay, JsonMapper json) {
        this.relay = relay;
        this.json = json;
    }

    public Mono<JsonNode> get(String service, String pathAndQuery, String authorization) {
        return call(HttpMethod.GET, service, pathAndQuery, authorization, null).mapNotNull(this::tree);
    }

    /**
     * A read whose answer is passed on rather than looked into: its bytes as they came, without the
     * cost of parsing them into a tree and writing the tree out again ({@link PageJson}).
     */
    public Mono<byte[]> getBytes(String service, String pathAndQuery, String authorization) {
        return call(HttpMethod.GET, service, pathAndQuery, authorization, null);
    }

    public Mono<JsonNode> exchange(
            HttpMethod method, String service, String pathAndQuery, String authorization, Object body) {
        byte[] sent = body == null ? null : json.writeValueAsBytes(body);
        return call(method, service, pathAndQuery, authorization, sent).mapNotNull(this::tree);
    }

    /** Every call goes this one way, whatever its answer is read as. */
    private Mono<byte[]> call(
            HttpMethod method, String service, String pathAndQuery, String authorization, byte[] body) {
        return Mono.deferContextual(context -> {
                    HttpHeaders headers = new HttpHeaders();
                    headers.setAccept(List.of(MediaType.APPLICATION_JSON));
                    if (body != null) {
                        headers.setContentType(MediaType.APPLICATION_JSON);
                    }
                    if (authorization != null) {
                        headers.set(HttpHeaders.AUTHORIZATION, authorization);
                    }
                    Correlation correlation = RequestIds.correlationIn(context);
                    if (correlation != null) {
                        headers.set(RequestIds.HEADER, correlation.requestId());
                        TraceParents.writeTo(headers, correlation);
                    }
                    // The reader's address and browser, as on the proxied routes: a composed read is the
                    // reader's read, and services count and limit readers by them.
                    ClientIdentity client = ClientIdentity.from(context);
                    if (client != null) {
                        client.writeTo(headers);
                    }
                    return relay.call(method, service, pathAndQuery, headers, body);
                })
                .flatMap(answer -> answer.status() >= 400
                        ? Mono.error(
                                new ServiceAnswer(answer.status(), new String(answer.body(), StandardCharsets.UTF_8)))
                        : Mono.just(answer.body()));
    }

    /** An empty answer is no answer, as it was for {@code bodyToMono}. */
    private JsonNode tree(byte[] answer) {
        return answer.length == 0 ? null : json.readTree(answer);
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
