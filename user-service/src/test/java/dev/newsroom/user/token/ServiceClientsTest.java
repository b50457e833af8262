package dev.newsroom.user.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Configured clients are known by their secrets only; a bad configuration stops the start, telling no secret. */
class ServiceClientsTest {

    private final ServiceClients clients =
            ServiceClients.parse("gateway:0123456789abcdef-gateway, operator:0123456789abcdef:with-colon");

    @Test
    void aClientIsAuthenticatedByItsOwnSecretOnly() {
        assertThat(clients.authenticate("gateway", "0123456789abcdef-gateway")).isTrue();
        assertThat(clients.authenticate("operator", "0123456789abcdef:with-colon"))
                .isTrue();
        assertThat(clients.authenticate("operator", "0123456789abcdef-gateway")).isFalse();
        assertThat(clients.authenticate("gateway", "")).isFalse();
        assertThat(clients.authenticate("stranger", "0123456789abcdef-gateway")).isFalse();
    }

    @Test
    void nothingConfiguredAuthenticatesNobody() {
        ServiceClients none = ServiceClients.parse("");

        assertThat(none.isEmpty()).isTrue();
        assertThat(none.authenticate("gateway", "")).isFalse();
    }

    @Test
    void aShortSecretOrAMalformedEntryOrADuplicateStopsTheStartWithoutTellingTheSecret() {
        assertThatThrownBy(() -> ServiceClients.parse("gateway:short-secret"))
                .hasMessageContaining("gateway")
                .hasMessageNotContaining("short-secret");
        assertThatThrownBy(() -> ServiceClients.parse("no-secret-here"))
                .hasMessageContaining("entry 1")
                .hasMessageNotContaining("no-secret-here");
        assertThatThrownBy(() -> ServiceClients.parse("a:0123456789abcdef,a:fedcba9876543210"))
                .hasMessageContaining("twice")
                .hasMessageNotContaining("0123456789abcdef");
    }
}
