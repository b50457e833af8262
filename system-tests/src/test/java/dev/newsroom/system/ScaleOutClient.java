package dev.newsroom.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of one suite that sends each request to the next of its gateways in turn, so that a
 * workload's writes and reads cross between gateways (and so between the service instances each
 * balances over) as a fleet of browsers behind a load balancer would.
 *
 * <p>A 429 is waited out (its {@code Retry-After}, within a deadline) and the request sent again: the
 * shared suite's anonymous budget is per address, and other test classes may have spent some of it.
 * A write answered 503 is sent again too, and recorded; nothing else is retried, so a lost or
 * doubled write shows in the outcome.
 */
final class ScaleOutClient {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration RATE_LIMIT_PATIENCE = Duration.ofSeconds(90);

    private final List<String> gateways;
    private final AtomicLong turn = new AtomicLong();
    private final List<String> failedReads = new ArrayList<>();
    private final List<String> unavailableWrites = new ArrayList<>();

    ScaleOutClient(List<String> gateways) {
        this.gateways = List.copyOf(gateways);
    }

    record Answer(int status, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    /** How many gateways the requests alternate between. */
    int gatewayCount() {
        return gateways.size();
    }

    /** Gateway {@code index} (from 0). */
    String gateway(int index) {
        return gateways.get(index);
    }

    Answer get(String path, String token) throws Exception {
        return send("GET", path, null, token, null);
    }

    /** An anonymous read from a browser that says it is {@code userAgent}: one viewer to trending. */
    Answer view(String path, String userAgent) throws Exception {
        return send("GET", path, null, null, userAgent);
    }

    Answer post(String path, String json, String token) throws Exception {
        return send("POST", path, json, token, null);
    }

    Answer delete(String path, String token) throws Exception {
        return send("DELETE", path, null, token, null);
    }

    /**
     * Reads answered with a server error: the gateway tries a failed read once on the next instance,
     * so with one instance down a client should never see one.
     */
    synchronized List<String> failedReads() {
        return List.copyOf(failedReads);
    }

    /** Writes answered 503 (and sent again), as {@code METHOD path -> body}. */
    synchronized List<String> unavailableWrites() {
        return List.copyOf(unavailableWrites);
    }

    /**
     * Sends {@code method path} to the next gateway in turn, waiting out a 429. A write answered 503
     * is sent again, as a client would once told the service is unavailable: the gateway never
     * retries a write. One that met a stopped instance was not applied; one the gateway stopped
     * waiting for may have been, which the caller must allow for where a repeat is refused.
     */
    Answer send(String method, String path, String json, String token, String userAgent) throws Exception {
        Instant deadline = Instant.now().plus(RATE_LIMIT_PATIENCE);
        while (true) {
            String gateway = gateways.get((int) (turn.getAndIncrement() % gateways.size()));
            HttpResponse<String> response = HTTP.send(
                    request(gateway, method, path, json, token, userAgent), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            boolean write = !method.equals("GET");
            synchronized (this) {
                if (!write && status >= 500) {
                    failedReads.add(method + " " + path + " -> " + status + " " + response.body());
                } else if (write && status == 503) {
                    unavailableWrites.add(method + " " + path + " -> " + response.body());
                }
            }
            boolean again = status == 429 || (write && status == 503);
            if (!again || Instant.now().isAfter(deadline)) {
                return new Answer(status, response.body());
            }
            long seconds = status == 429
                    ? response.headers().firstValueAsLong("Retry-After").orElse(1)
                    : 0;
            Thread.sleep(Math.max(200, Math.min(seconds, 10) * 1000));
        }
    }

    private static HttpRequest request(
            String gateway, String method, String path, String json, String token, String userAgent) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Token " + token);
        }
        if (userAgent != null) {
            request.header("User-Agent", userAgent);
        }
        return request.build();
    }
}
