package dev.newsroom.gateway.credentials;

import dev.newsroom.gateway.relay.ServiceRelay;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's service token: the credential every {@code /internal/**} call it makes carries
 * (network position is not a credential, docs/operations.md "Service tokens"). It gets one from
 * user-service's {@code POST /oauth2/token} with its client id and secret ({@code SERVICE_CLIENT_ID},
 * {@code SERVICE_CLIENT_SECRET}) when it starts, and a new one when two thirds of its life have
 * passed, in the background: no request ever waits for it. A failure is retried with back-off (1 s
 * doubling to 30 s) while the token in hand stays in use until it expires; the gateway starts even
 * when user-service is down, and until it holds a token its {@code /internal/**} calls are answered
 * 503 ({@link #current()} is null).
 */
@Component
public class ServiceToken implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ServiceToken.class);
    static final String ENDPOINT = "/oauth2/token";
    /** A token this close to its expiry is not sent: it could expire on the way. */
    private static final Duration MARGIN = Duration.ofSeconds(5);

    private final ServiceRelay relay;
    private final JsonMapper json;
    private final String clientId;
    private final String secret;
    private final Duration firstBackOff;
    private final Clock clock = Clock.systemUTC();

    private volatile Held held;
    private volatile Disposable renewal;

    ServiceToken(
            ServiceRelay relay,
            JsonMapper json,
            @Value("${newsroom.service-client.id:gateway}") String clientId,
            @Value("${newsroom.service-client.secret:}") String secret,
            @Value("${newsroom.service-client.first-back-off:1s}") Duration firstBackOff) {
        this.relay = relay;
        this.json = json;
        this.clientId = clientId;
        this.secret = secret;
        this.firstBackOff = firstBackOff;
    }

    /** The token to send, or null when the gateway holds none that is valid (user-service unreachable). */
    public String current() {
        Held token = held;
        return token != null && clock.instant().isBefore(token.expiresAt().minus(MARGIN)) ? token.value() : null;
    }

    @Override
    public void start() {
        if (secret == null || secret.isBlank()) {
            log.warn("No SERVICE_CLIENT_SECRET: the gateway gets no service token, so its feed and every"
                    + " other call to /internal/** will be answered 503");
            renewal = Mono.never().subscribe();
            return;
        }
        renewal = Mono.defer(this::fetch)
                .doOnError(failure -> log.warn("No service token from user-service yet: {}", failure.toString()))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, firstBackOff).maxBackoff(Duration.ofSeconds(30)))
                .doOnNext(token -> held = token)
                .flatMap(token -> Mono.delay(renewIn(token)))
                .repeat()
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable running = renewal;
        if (running != null) {
            running.dispose();
        }
        renewal = null;
    }

    @Override
    public boolean isRunning() {
        return renewal != null;
    }

    private Mono<Held> fetch() {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(clientId, secret, StandardCharsets.UTF_8);
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        headers.setAccept(java.util.List.of(MediaType.APPLICATION_JSON));
        byte[] body = "grant_type=client_credentials".getBytes(StandardCharsets.US_ASCII);
        Instant asked = clock.instant();
        return relay.call(HttpMethod.POST, "user", ENDPOINT, headers, body).map(answer -> {
            if (answer.status() != 200) {
                // 401: SERVICE_CLIENT_SECRET is not what user-service's SERVICE_CLIENTS says for this id.
                throw new IllegalStateException("user-service answered " + answer.status()
                        + " to client '" + clientId + "' (check SERVICE_CLIENT_ID, SERVICE_CLIENT_SECRET and"
                        + " user-service's SERVICE_CLIENTS)");
            }
            JsonNode token = json.readTree(answer.body());
            String value = token.path("access_token").asString(null);
            long seconds = token.path("expires_in").asLong(0);
            if (value == null || seconds <= 0) {
                throw new IllegalStateException("user-service's token answer has no access_token or expires_in");
            }
            Held fetched = new Held(value, asked.plusSeconds(seconds), Duration.ofSeconds(seconds));
            log.info("Service token for '{}' valid until {}", clientId, fetched.expiresAt());
            return fetched;
        });
    }

    /** Two thirds of the token's life: a third is left for retries should user-service be down then. */
    static Duration renewIn(Held token) {
        Duration in = token.lifetime().multipliedBy(2).dividedBy(3);
        return in.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : in;
    }

    record Held(String value, Instant expiresAt, Duration lifetime) {}
}
