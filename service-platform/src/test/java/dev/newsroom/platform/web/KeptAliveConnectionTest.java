package dev.newsroom.platform.web;

import static dev.newsroom.platform.web.RawHttp.get;
import static dev.newsroom.platform.web.RawHttp.readAnswer;
import static dev.newsroom.platform.web.RawHttp.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The Reactor Netty every service and the gateway serve with keeps reading a kept-alive connection
 * after a request that waited behind a slower one is answered at once. Up to Reactor Netty 1.3.7 it
 * stopped reading there (reactor/reactor-netty#4361): the client's next request on that connection
 * was never answered and nothing was logged, which the system tests met as requests that timed out
 * now and then. The root {@code pom.xml} pins the version that fixed it; this test fails on one
 * that does not.
 */
class KeptAliveConnectionTest {

    private DisposableServer server;

    @BeforeEach
    void start() {
        // /slow answers after 50 ms, on a timer thread; everything else answers synchronously.
        server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .handle((request, response) -> response.sendString(
                        request.uri().equals("/slow")
                                ? Mono.delay(Duration.ofMillis(50)).thenReturn("slow")
                                : Mono.just("fast")))
                .bindNow(Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        server.disposeNow(Duration.ofSeconds(10));
    }

    @RepeatedTest(5)
    void aRequestQueuedBehindASlowOneAndAnsweredAtOnceLeavesTheConnectionReadable() throws IOException {
        try (Socket socket = RawHttp.connect(server.port())) {
            // Sent together, so the second waits in the server's queue until the first is answered.
            send(socket, get("/slow") + get("/queued"));
            String slow = readAnswer(socket.getInputStream());
            String queued = readAnswer(socket.getInputStream());

            send(socket, get("/next"));

            assertThat(slow).startsWith("HTTP/1.1 200");
            assertThat(queued).startsWith("HTTP/1.1 200");
            assertThat(readAnswer(socket.getInputStream()))
                    .as("the request after the queued one is answered on the same connection")
                    .startsWith("HTTP/1.1 200");
        }
    }
}
