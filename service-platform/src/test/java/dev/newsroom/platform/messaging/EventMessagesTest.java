package dev.newsroom.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import tools.jackson.databind.json.JsonMapper;

class EventMessagesTest {

    record Sample(String name) {}

    private final JsonMapper json = JsonMapper.shared();

    @Test
    void dataThatCannotBeReadIsAnUnreadableEvent() {
        assertThat(EventMessages.data(json, message("{\"name\":\"ada\"}"), Sample.class))
                .isEqualTo(new Sample("ada"));
        assertThatThrownBy(() -> EventMessages.data(json, message("{not json"), Sample.class))
                .isInstanceOf(EventMessages.UnreadableEvent.class)
                .hasMessageStartingWith("not valid Sample JSON");
        assertThatThrownBy(() -> EventMessages.data(json, message("null"), Sample.class))
                .isInstanceOf(EventMessages.UnreadableEvent.class)
                .hasMessage("missing event data");
    }

    @Test
    void requiredRefusesMissingAndBlankTextWhilePresentAcceptsEmptyText() {
        assertThat(EventMessages.required("x", "name")).isEqualTo("x");
        assertThatThrownBy(() -> EventMessages.required(" ", "name"))
                .isInstanceOf(EventMessages.UnreadableEvent.class)
                .hasMessage("missing name");
        assertThatThrownBy(() -> EventMessages.required(null, "name"))
                .isInstanceOf(EventMessages.UnreadableEvent.class);
        assertThat(EventMessages.present("", "body")).isEmpty();
        assertThatThrownBy(() -> EventMessages.present(null, "body")).isInstanceOf(EventMessages.UnreadableEvent.class);
    }

    private static Message<byte[]> message(String payload) {
        return MessageBuilder.withPayload(payload.getBytes(StandardCharsets.UTF_8))
                .build();
    }
}
