package dev.newsroom.assistant;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local stand-in for an OpenAI-compatible chat-completions endpoint ({@code POST
 * /v1/chat/completions} with {@code "stream": true}), scripted per test: it streams chosen tokens
 * with chosen delays, answers an HTTP error, reports an error in the stream, or stalls. It records
 * every request it receives, in this JVM's memory only.
 */
public final class FakeChatCompletions implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One request as the fake received it. */
    public record Received(String path, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    /** How the fake answers the next requests. */
    @FunctionalInterface
    public interface Script {
        void answer(HttpExchange exchange) throws IOException, InterruptedException;
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Script script = tokens("The article does not say.");

    public FakeChatCompletions() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                received.add(new Received(
                        exchange.getRequestURI().toString(), Map.copyOf(exchange.getRequestHeaders()), body));
                script.answer(exchange);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException clientWentAway) {
                // The service timed out and closed the connection: expected in timeout tests.
            }
        });
        server.start();
    }

    /** The base URL to configure: {@code http://127.0.0.1:<port>/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public void answer(Script next) {
        this.script = next;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public void forget() {
        received.clear();
    }

    /** Streams {@code tokens} at once, then {@code [DONE]}. */
    public static Script tokens(String... tokens) {
        return streaming(Duration.ZERO, Duration.ZERO, tokens);
    }

    /** Waits {@code first} before the first token and {@code between} before each next one. */
    public static Script streaming(Duration first, Duration between, String... tokens) {
        return exchange -> {
            OutputStream out = startStream(exchange);
            send(out, Map.of("choices", List.of(Map.of("index", 0, "delta", Map.of("role", "assistant")))));
            Thread.sleep(first.toMillis());
            for (int i = 0; i < tokens.length; i++) {
                if (i > 0) {
                    Thread.sleep(between.toMillis());
                }
                send(out, chunk(tokens[i]));
            }
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
        };
    }

    /** Streams {@code tokens}, then reports an error inside the stream, as providers do on overload. */
    public static Script errorAfter(String... tokens) {
        return exchange -> {
            OutputStream out = startStream(exchange);
            for (String token : tokens) {
                send(out, chunk(token));
            }
            send(out, Map.of("error", Map.of("message", "overloaded", "type", "server_error")));
        };
    }

    /** Streams {@code tokens}, then goes silent for {@code silence}. */
    public static Script stallAfter(Duration silence, String... tokens) {
        return exchange -> {
            OutputStream out = startStream(exchange);
            for (String token : tokens) {
                send(out, chunk(token));
            }
            Thread.sleep(silence.toMillis());
        };
    }

    /** Answers {@code status} with an OpenAI-style error body. */
    public static Script status(int status) {
        return exchange -> {
            byte[] body = JSON.writeValueAsBytes(Map.of("error", Map.of("message", "no", "type", "error")));
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        };
    }

    private static OutputStream startStream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        return exchange.getResponseBody();
    }

    private static Map<String, Object> chunk(String token) {
        return Map.of(
                "id",
                "chatcmpl-test",
                "object",
                "chat.completion.chunk",
                "choices",
                List.of(Map.of("index", 0, "delta", Map.of("content", token))));
    }

    private static void send(OutputStream out, Object data) throws IOException {
        out.write(("data: " + JSON.writeValueAsString(data) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
