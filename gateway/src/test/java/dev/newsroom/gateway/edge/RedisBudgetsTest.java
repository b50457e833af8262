package dev.newsroom.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The rate limit's budgets in Redis, as several gateway instances share them: a real {@code
 * redis-server} (Debian's package, which {@code .ci/run} installs) on a free loopback port. Skipped
 * with a message where it is not installed, except under CI, where a missing server fails.
 */
class RedisBudgetsTest {

    private static final EdgeProperties.RateLimit THREE_A_MINUTE = limit(null);

    private static int port;
    private static Process redis;

    private ClientBudgets.Redis first;
    private ClientBudgets.Redis second;

    @BeforeAll
    static void startRedis() throws Exception {
        String server = onPath("redis-server");
        if (server == null) {
            String advice = "redis-server is not installed (apt-get install redis-server)";
            if ("true".equals(System.getenv("CI"))) {
                fail(advice + "; .ci/run installs it");
            }
            Assumptions.abort(advice);
        }
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        redis = start(server, port);
    }

    @AfterAll
    static void stopRedis() throws InterruptedException {
        stop(redis);
    }

    @BeforeEach
    void connect() {
        EdgeProperties.RateLimit limit = limit("redis://127.0.0.1:" + port);
        first = new ClientBudgets.Redis(limit);
        second = new ClientBudgets.Redis(limit);
    }

    @AfterEach
    void disconnect() {
        first.close();
        second.close();
    }

    @Test
    void twoGatewayInstancesShareOneBudgetPerClient() {
        String client = "addr:10.1.0." + System.nanoTime() % 250;

        assertThat(take(first, client).isConsumed()).isTrue();
        assertThat(take(second, client).isConsumed()).isTrue();
        assertThat(take(first, client).isConsumed()).isTrue();
        ConsumptionProbe refused = take(second, client);

        assertThat(refused.isConsumed())
                .as("the fourth request in a minute, whichever instance it reaches")
                .isFalse();
        assertThat(Duration.ofNanos(refused.getNanosToWaitForRefill()))
                .isBetween(Duration.ofSeconds(1), Duration.ofSeconds(20));
        assertThat(take(first, client + "-other").isConsumed())
                .as("another client has a budget of its own")
                .isTrue();
    }

    @Test
    void overBudgetThroughEitherInstanceIs429WithRetryAfter() {
        RateLimitFilter one = new RateLimitFilter(first, true, new SimpleMeterRegistry());
        RateLimitFilter two = new RateLimitFilter(second, true, new SimpleMeterRegistry());
        String address = "10.2.0." + System.nanoTime() % 250;

        assertThat(status(one, address)).isEqualTo(HttpStatus.OK);
        assertThat(status(two, address)).isEqualTo(HttpStatus.OK);
        assertThat(status(one, address)).isEqualTo(HttpStatus.OK);
        MockServerWebExchange refused = exchange(address);
        two.filter(refused, passed -> Mono.empty()).block();

        assertThat(refused.getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(Long.parseLong(refused.getResponse().getHeaders().getFirst("Retry-After")))
                .isBetween(1L, 20L);
        assertThat(refused.getResponse().getBodyAsString().block())
                .isEqualTo("{\"errors\":{\"request\":[\"is rate limited\"]}}");
    }

    @Test
    void whileRedisIsDownRequestsGoThroughAndTheLimitIsBackWithIt() throws Exception {
        RateLimitFilter filter = new RateLimitFilter(first, true, new SimpleMeterRegistry());
        String address = "10.3.0." + System.nanoTime() % 250;
        for (int i = 0; i < 3; i++) {
            assertThat(status(filter, address)).isEqualTo(HttpStatus.OK);
        }
        assertThat(status(filter, address)).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);

        stop(redis);
        try {
            for (int i = 0; i < 5; i++) {
                assertThat(status(filter, "10.3.1." + i))
                        .as("a Redis outage must not take the API down")
                        .isEqualTo(HttpStatus.OK);
            }
        } finally {
            redis = start(onPath("redis-server"), port);
        }

        // The client reconnects by itself; the restarted server starts with empty buckets.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        HttpStatus last = null;
        while (System.nanoTime() < deadline && last != HttpStatus.TOO_MANY_REQUESTS) {
            last = status(filter, address);
            Thread.sleep(50);
        }
        assertThat(last).as("the limit applies again once Redis is back").isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    }

    @Test
    void aGatewayStartsWhileRedisIsDownAndUsesItOnceItIsUp() throws Exception {
        int laterPort;
        try (ServerSocket free = new ServerSocket(0)) {
            laterPort = free.getLocalPort();
        }
        try (ClientBudgets.Redis budgets = new ClientBudgets.Redis(limit("redis://127.0.0.1:" + laterPort))) {
            assertThat(budgets.take("addr:10.4.0.1")
                            .onErrorResume(failure -> Mono.empty())
                            .block(Duration.ofSeconds(5)))
                    .as("no Redis yet: no budget, and no failure to start")
                    .isNull();

            Process later = start(onPath("redis-server"), laterPort);
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                ConsumptionProbe probe = null;
                while (probe == null && System.nanoTime() < deadline) {
                    probe = budgets.take("addr:10.4.0.1")
                            .onErrorResume(failure -> Mono.empty())
                            .block(Duration.ofSeconds(5));
                    Thread.sleep(100);
                }
                assertThat(probe).as("connected on a later request").isNotNull();
                assertThat(probe.isConsumed()).isTrue();
            } finally {
                stop(later);
            }
        }
    }

    private static ConsumptionProbe take(ClientBudgets budgets, String client) {
        return budgets.take(client).block(Duration.ofSeconds(5));
    }

    private static HttpStatus status(RateLimitFilter filter, String address) {
        MockServerWebExchange exchange = exchange(address);
        filter.filter(exchange, passed -> {
                    passed.getResponse().setStatusCode(HttpStatus.OK);
                    return Mono.empty();
                })
                .block(Duration.ofSeconds(5));
        return (HttpStatus) exchange.getResponse().getStatusCode();
    }

    private static MockServerWebExchange exchange(String address) {
        return MockServerWebExchange.from(
                MockServerHttpRequest.get("/api/articles").remoteAddress(new InetSocketAddress(address, 5000)));
    }

    private static EdgeProperties.RateLimit limit(String redisUrl) {
        return new EdgeProperties.RateLimit(true, 3, 3, Duration.ofMinutes(1), redisUrl);
    }

    private static String onPath(String command) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(directory, command);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    /** A throw-away server: loopback only, nothing saved to disk. */
    private static Process start(String server, int port) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(
                        server,
                        "--port",
                        String.valueOf(port),
                        "--bind",
                        "127.0.0.1",
                        "--save",
                        "",
                        "--appendonly",
                        "no",
                        "--dir",
                        System.getProperty("java.io.tmpdir"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return process;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("redis-server exited with " + process.exitValue());
                }
                Thread.sleep(50);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("redis-server did not listen on port " + port + " within 10 s");
    }

    private static void stop(Process process) throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
