package dev.newsroom.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ForwardedHopsTest {

    @Test
    void xForwardedForEntriesAreReadOverEveryLineInOrderBlankOnesLeftOut() {
        assertThat(ForwardedHops.xForwardedFor(List.of("203.0.113.7, 10.0.0.1", " ,198.51.100.2 ,")))
                .containsExactly("203.0.113.7", "10.0.0.1", "198.51.100.2");
    }

    @Test
    void forwardedElementsGiveTheirForNodeUnquotedOverEveryLine() {
        assertThat(ForwardedHops.forwarded(List.of(
                        "for=192.0.2.43, For=\"[2001:db8:cafe::17]:4711\";proto=https;by=203.0.113.60",
                        "proto=http;for=\"198.51.100.17:8080\" , for=unknown, for=_hidden")))
                .containsExactly("192.0.2.43", "[2001:db8:cafe::17]:4711", "198.51.100.17:8080", "unknown", "_hidden");
    }

    @Test
    void forwardedSeparatorsInsideQuotedStringsDoNotSplitAndAnElementWithoutForIsAnUnknownHop() {
        assertThat(ForwardedHops.forwarded(
                        List.of("host=\"a,b;c\";for=192.0.2.1, proto=https, for=\"\\\"192.0.2.9\\\"\"")))
                .containsExactly("192.0.2.1", "", "\"192.0.2.9\"");
    }

    @Test
    void anUnterminatedQuoteSwallowsTheRestOfTheLineIntoOneMalformedNode() {
        List<String> hops = ForwardedHops.forwarded(List.of("for=192.0.2.1, for=\"192.0.2.2, for=192.0.2.3"));
        assertThat(hops).hasSize(2);
        assertThat(ForwardedHops.address(hops.get(1))).isNull();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "192.0.2.43|192.0.2.43",
                "192.0.2.43:47011|192.0.2.43",
                "192.0.2.43:_port|192.0.2.43",
                "[2001:db8:cafe::17]|2001:db8:cafe::17",
                "[2001:db8:cafe::17]:4711|2001:db8:cafe::17",
                "2001:db8:cafe:0:0:0:0:17|2001:db8:cafe::17",
                "::1|::1",
                "::ffff:192.0.2.5|192.0.2.5"
            })
    void nodesNamingAnAddressGiveIt(String node, String address) {
        InetAddress parsed = ForwardedHops.address(node);
        assertThat(parsed).isNotNull();
        assertThat(NetUtil.toAddressString(parsed)).isEqualTo(address);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "unknown",
                "UNKNOWN",
                "_hidden",
                "_SEVKISEK",
                "",
                "localhost",
                "example.org",
                "999.0.0.1",
                "192.0.2",
                "192.0.2.1.5",
                "[192.0.2.1]",
                "[2001:db8::1",
                "[2001:db8::1]x",
                "2001:db8::1%eth0",
                "2001:db8::g",
                "\"192.0.2.1\"",
                "192.0.2.1 203.0.113.1"
            })
    void nodesNamingNoAddressGiveNoneAndNothingIsLookedUp(String node) {
        assertThat(ForwardedHops.address(node)).isNull();
    }
}
