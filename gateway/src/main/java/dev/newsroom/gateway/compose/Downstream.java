package dev.newsroom.gateway.compose;

import dev.newsroom.gateway.credentials.ServiceToken;
import dev.newsroom.gateway.edge.ClientIdentity;
import dev.newsroom.gateway.relay.ServiceRelay;
import dev.newsroom.platform.tracing.Correlation;
import dev.newsroom.platform.tracing.TraceParents;
import dev.newsroom.platform.web.ApiException;
import dev.newsroom.platform.web.RequestIds;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
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
 * {@link ClientIdentity}. A call to {@code /internal/**} carries the gateway's {@link ServiceToken}
 * and never a client's token; without a service token, or when the service refuses it, it is a 503,
 * not the client's fault.
 */
@Component
public class Downstream {

    private static final String INTERNAL = "/internal/";

    private final ServiceRelay relay;
    private final JsonMapper json;
    private final ServiceToken serviceToken;

    Downstream(ServiceRelay relay, JsonMapper json, ServiceToken serviceToken) {
        this.relay = relay;
        this.json = json;
        this.serviceToken = serviceToken;
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
            HttpMethod method, String service, String pathAndQuery, String clientAuthorization, byte[] body) {
        boolean internal = pathAndQuery.startsWith(INTERNAL);
        String authorization = clientAuthorization;
        if (internal) {
            String token = serviceToken.current();
            if (token == null) {
                return Mono.error(unavailable());
            }
            authorization = "Bearer " + token;
        }
        String sent = authorization;
        return Mono.deferContextual(context -> {
                    HttpHeaders headers = new HttpHeaders();
                    headers.setAccept(List.of(MediaType.APPLICATION_JSON));
                    if (body != null) {
                        headers.setContentType(MediaType.APPLICATION_JSON);
                    }
                    if (sent != null) {
                        headers.set(HttpHeaders.AUTHORIZATION, sent);
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
                .flatMap(answer -> internal && (answer.status() == 401 || answer.status() == 403)
                        // The service refused the gateway's own credential: nothing the client can fix.
                        ? Mono.error(unavailable())
                        : answer.status() >= 400
                                ? Mono.error(new ServiceAnswer(
                                        answer.status(), new String(answer.body(), StandardCharsets.UTF_8)))
                                : Mono.just(answer.body()));
    }

    private static ApiException unavailable() {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "service", "unavailable");
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
