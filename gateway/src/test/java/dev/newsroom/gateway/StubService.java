package dev.newsroom.gateway;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A stand-in for one service behind the gateway: it says who it is and remembers what it was asked. */
final class StubService implements AutoCloseable {

    private final HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> requestIds = new CopyOnWriteArrayList<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, HttpHandler> answers = new ConcurrentHashMap<>();

    StubService(String name) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String target = exchange.getRequestURI().toString();
            requests.add(exchange.getRequestMethod() + " " + target);
            requestIds.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Request-Id")));
            received.add(new Received(exchange.getRequestMethod() + " " + target, exchange.getRequestHeaders()));
            // The most specific answer wins.
            String prefix = answers.keySet().stream()
                    .filter(target::startsWith)
                    .max(java.util.Comparator.comparingInt(String::length))
                    .orElse(null);
            if (prefix != null) {
                answers.get(prefix).handle(exchange);
                return;
            }
            String body = target.startsWith("/readyz")
                    ? "{\"status\":\"UP\"}"
                    : "{\"service\":\"" + name + "\",\"path\":\""
                            + exchange.getRequestURI().getPath() + "\"}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<String> requests() {
        return requests;
    }

    /** The {@code X-Request-Id} of every request, in order ("null" when there was none). */
    List<String> requestIds() {
        return requestIds;
    }

    /** Every request with the headers it came with, in order. */
    List<Received> received() {
        return received;
    }

    /** The headers of the last request whose method and target start with {@code request}. */
    Received last(String request) {
        for (int i = received.size() - 1; i >= 0; i--) {
            if (received.get(i).request().startsWith(request)) {
                return received.get(i);
            }
        }
        throw new AssertionError("no request " + request + " among " + requests);
    }

    /** One request as the service received it. */
    record Received(String request, Headers headers) {

        /** Every value of a header, one list entry per header line. */
        List<String> header(String name) {
            List<String> values = headers.get(name);
            return values == null ? List.of() : values;
        }
    }

    /** Answers requests whose path and query start with {@code prefix} with {@code handler} instead. */
    StubService on(String prefix, HttpHandler handler) {
        answers.put(prefix, handler);
        return this;
    }

    /** Answers requests under {@code prefix} with {@code status} and the JSON {@code body}. */
    StubService json(String prefix, int status, String body) {
        return on(prefix, exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
    }

    void forget(String prefix) {
        answers.remove(prefix);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
