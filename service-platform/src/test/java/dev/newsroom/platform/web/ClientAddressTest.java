package dev.newsroom.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class ClientAddressTest {

    @Test
    void theAddressTheGatewayAppendedWinsOverWhatTheClientClaimed() {
        MockServerHttpRequest request = MockServerHttpRequest.get("/")
                .header("X-Forwarded-For", "203.0.113.7, 198.51.100.20")
                .build();

        assertThat(ClientAddress.of(request)).isEqualTo("198.51.100.20");
    }

    @Test
    void withoutTheHeaderItIsThePeer() {
        MockServerHttpRequest request = MockServerHttpRequest.get("/")
                .remoteAddress(new InetSocketAddress("192.0.2.9", 4711))
                .build();

        assertThat(ClientAddress.of(request)).isEqualTo("192.0.2.9");
    }
}
