package dev.newsroom.platform.web;

import static dev.newsroom.platform.web.RawHttp.get;
import static dev.newsroom.platform.web.RawHttp.post;
import static dev.newsroom.platform.web.RawHttp.readAnswer;
import static dev.newsroom.platform.web.RawHttp.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.server.WebHandler;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * On a real Reactor Netty server and a raw keep-alive socket: an answer given without reading the
 * request's body closes the connection; an answer after the body was read keeps it for the next
 * request.
 */
class UnreadBodyCloseTest {

    private DisposableServer server;

    @BeforeEach
    void start() {
        // POST /early answers 401 without reading the body; POST /read reads it first; GET answers 200.
        WebHandler handler = exchange -> {
            var request = exchange.getRequest();
            var response = exchange.getResponse();
            if (request.getPath().value().equals("/early")) {
                response.setStatusCode(HttpStatus.UNAUTHORIZED);
                return response.setComplete();
            }
            return DataBufferUtils.join(request.getBody())
                    .doOnNext(DataBufferUtils::release)
                    .then(Mono.defer(response::setComplete));
        };
        var httpHandler = WebHttpHandlerBuilder.webHandler(handler)
                .filter(new UnreadBodyClose())
                .build();
        server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .handle(new ReactorHttpHandlerAdapter(httpHandler))
                .bindNow(Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        server.disposeNow(Duration.ofSeconds(10));
    }

    @Test
    void anAnswerGivenWithoutReadingTheBodyClosesTheConnection() throws IOException {
        try (Socket socket = connect()) {
            send(socket, post("/early", "{\"user\":{}}"));

            String answer = readAnswer(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 401");
            assertThat(answer.toLowerCase(Locale.ROOT)).contains("connection: close");
            assertThat(socket.getInputStream().read())
                    .as("the server closed the connection")
                    .isEqualTo(-1);
        }
    }

    @Test
    void anAnswerAfterTheBodyWasReadKeepsTheConnectionForTheNextRequest() throws IOException {
        try (Socket socket = connect()) {
            send(socket, post("/read", "{\"user\":{}}"));
            String first = readAnswer(socket.getInputStream());

            send(socket, get("/next"));
            String second = readAnswer(socket.getInputStream());

            assertThat(first).startsWith("HTTP/1.1 200").doesNotContainIgnoringCase("connection: close");
            assertThat(second).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void aRequestWithoutABodyKeepsTheConnection() throws IOException {
        try (Socket socket = connect()) {
            send(socket, get("/early"));
            String first = readAnswer(socket.getInputStream());

            send(socket, get("/next"));

            assertThat(first).startsWith("HTTP/1.1 401").doesNotContainIgnoringCase("connection: close");
            assertThat(readAnswer(socket.getInputStream())).startsWith("HTTP/1.1 200");
        }
    }

    private Socket connect() throws IOException {
        return RawHttp.connect(server.port());
    }
}
