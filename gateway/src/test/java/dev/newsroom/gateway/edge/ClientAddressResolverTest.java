package dev.newsroom.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class ClientAddressResolverTest {

    private static final ClientAddressResolver NOTHING_TRUSTED =
            new ClientAddressResolver(List.of(), EdgeProperties.ProxyHeader.X_FORWARDED_FOR);
    private static final ClientAddressResolver BEHIND_PROXIES = new ClientAddressResolver(
            List.of("10.0.0.0/8", " 192.168.1.10 ", "", "2001:db8:ffff::/48"),
            EdgeProperties.ProxyHeader.X_FORWARDED_FOR);
    private static final ClientAddressResolver BEHIND_RFC_7239_PROXIES = new ClientAddressResolver(
            List.of("10.0.0.0/8", "2001:db8:ffff::/48"), EdgeProperties.ProxyHeader.FORWARDED);

    @Test
    void withNoProxyTrustedThePeerIsTheClientWhateverTheHeadersSay() {
        assertThat(NOTHING_TRUSTED.resolve(request("203.0.113.9")
                        .header("X-Forwarded-For", "198.51.100.1")
                        .header("Forwarded", "for=198.51.100.2")
                        .build()))
                .isEqualTo("203.0.113.9");
        assertThat(NOTHING_TRUSTED.resolve(request("10.1.1.1")
                        .header("X-Forwarded-For", "198.51.100.1")
                        .build()))
                .as("a private peer is not trusted unless listed")
                .isEqualTo("10.1.1.1");
    }

    @Test
    void aClientThatIsNotATrustedProxyIsBelievedAboutNothing() {
        assertThat(BEHIND_PROXIES.resolve(request("203.0.113.9")
                        .header("X-Forwarded-For", "10.0.0.5")
                        .build()))
                .isEqualTo("203.0.113.9");
    }

    @Test
    void behindATrustedProxyTheEntryItAppendedIsTheClient() {
        assertThat(BEHIND_PROXIES.resolve(request("10.0.0.2")
                        .header("X-Forwarded-For", "198.51.100.7")
                        .build()))
                .isEqualTo("198.51.100.7");
    }

    @Test
    void theWalkPassesEveryTrustedHopFromTheRightAndIgnoresWhatTheClientWroteBeforeIt() {
        assertThat(BEHIND_PROXIES.resolve(request("10.0.0.2")
                        .header("X-Forwarded-For", "10.6.6.6, 6.6.6.6")
                        .header("X-Forwarded-For", "198.51.100.7, 192.168.1.10, 10.20.30.40")
                        .build()))
                .isEqualTo("198.51.100.7");
    }

    @Test
    void whenEveryHopIsATrustedProxyTheFarthestIsTheClient() {
        assertThat(BEHIND_PROXIES.resolve(request("10.0.0.2")
                        .header("X-Forwarded-For", "10.0.0.9, 192.168.1.10")
                        .build()))
                .isEqualTo("10.0.0.9");
        assertThat(BEHIND_PROXIES.resolve(request("10.0.0.2").build()))
                .as("a trusted proxy that names no one")
                .isEqualTo("10.0.0.2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"unknown", "_hidden", "proxy.internal", "999.1.1.1", "198.51.100.7 junk"})
    void aHopThatNamesNoAddressEndsTheWalkAtTheProxyThatWroteIt(String hop) {
        assertThat(BEHIND_PROXIES.resolve(request("10.0.0.2")
                        .header("X-Forwarded-For", "198.51.100.1, " + hop + ", 10.0.0.3")
                        .build()))
                .isEqualTo("10.0.0.3");
    }

    @Test
    void aProxyThatWritesForwardedIsReadFromItsForParametersIncludingQuotedIpv6() {
        assertThat(BEHIND_RFC_7239_PROXIES.resolve(request("10.0.0.2")
                        .header("Forwarded", "for=6.6.6.6")
                        .header(
                                "Forwarded",
                                "for=\"[2001:db8:cafe::17]:4711\";proto=https, for=\"[2001:db8:ffff::1]\";by=10.0.0.2")
                        .build()))
                .isEqualTo("2001:db8:cafe::17");
        assertThat(BEHIND_RFC_7239_PROXIES.resolve(request("10.0.0.2")
                        .header("Forwarded", "for=198.51.100.4, for=_gw7;proto=https, for=10.0.0.8")
                        .build()))
                .as("an obfuscated identifier ends the walk")
                .isEqualTo("10.0.0.8");
    }

    @Test
    void onlyTheConfiguredHeaderIsReadSoAClientCannotSlipTheOtherPastAProxy() {
        assertThat(BEHIND_PROXIES.resolve(request("10.0.0.2")
                        .header("Forwarded", "for=6.6.6.6")
                        .header("X-Forwarded-For", "198.51.100.7")
                        .build()))
                .isEqualTo("198.51.100.7");
        assertThat(BEHIND_RFC_7239_PROXIES.resolve(request("10.0.0.2")
                        .header("X-Forwarded-For", "6.6.6.6")
                        .header("Forwarded", "for=198.51.100.7")
                        .build()))
                .isEqualTo("198.51.100.7");
        assertThat(BEHIND_RFC_7239_PROXIES.resolve(
                        request("10.0.0.2").header("X-Forwarded-For", "6.6.6.6").build()))
                .isEqualTo("10.0.0.2");
    }

    @Test
    void ipv6PeersAndNetworksMatchAndAddressesComeOutInOneSpelling() {
        assertThat(BEHIND_PROXIES.resolve(request("2001:db8:ffff:0:0:0:0:2")
                        .header("X-Forwarded-For", "2001:DB8:0:0:0:0:0:7")
                        .build()))
                .isEqualTo("2001:db8::7");
    }

    @Test
    void aRequestWithoutAPeerHasNoAddress() {
        assertThat(BEHIND_PROXIES.resolve(MockServerHttpRequest.get("/api/tags").build()))
                .isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"proxy.internal", "10.0.0.0/33", "10.0.0.0/x", "10.0.0", "*"})
    void aTrustedProxyThatIsNotAnAddressOrNetworkStopsTheStartNamingIt(String entry) {
        assertThatThrownBy(() -> new ClientAddressResolver(
                        List.of("10.0.0.0/8", entry), EdgeProperties.ProxyHeader.X_FORWARDED_FOR))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TRUSTED_PROXIES")
                .hasMessageContaining(entry);
    }

    private static MockServerHttpRequest.BaseBuilder<?> request(String peer) {
        return MockServerHttpRequest.get("/api/articles/a-story").remoteAddress(new InetSocketAddress(peer, 40000));
    }
}
