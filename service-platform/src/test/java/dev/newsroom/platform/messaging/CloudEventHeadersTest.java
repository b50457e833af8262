package dev.newsroom.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.MessageHeaders;

/**
 * The wire format other systems read: the header names and values are spelled out literally here,
 * as the CloudEvents Kafka protocol binding (binary mode) defines them, so that a change to {@link
 * CloudEventHeaders} that would break outside consumers fails this test.
 */
class CloudEventHeadersTest {

    private static final Instant TIME = Instant.parse("2026-12-06T10:15:30.123Z");

    @Test
    void writesTheBinaryModeHeadersOfTheCloudEventsKafkaBinding() {
        RecordHeaders headers = CloudEventHeaders.of(new CloudEventHeaders.Event(
                "e-1", "/newsroom/article-service", "newsroom.article.published.v1", TIME, "a-1"));

        assertThat(asText(headers))
                .containsExactly(
                        Map.entry("ce_specversion", "1.0"),
                        Map.entry("ce_id", "e-1"),
                        Map.entry("ce_source", "/newsroom/article-service"),
                        Map.entry("ce_type", "newsroom.article.published.v1"),
                        Map.entry("ce_time", "2026-12-06T10:15:30.123Z"),
                        Map.entry("ce_subject", "a-1"),
                        Map.entry("content-type", "application/json"));
    }

    @Test
    void anEventWithoutASubjectHasNoSubjectHeader() {
        RecordHeaders headers = CloudEventHeaders.of(
                new CloudEventHeaders.Event("e-2", "/newsroom/trending-service", "newsroom.sample.v1", TIME, null));

        assertThat(asText(headers)).doesNotContainKey("ce_subject").containsEntry("ce_id", "e-2");
    }

    @Test
    void readsTheAttributesBackFromKafkaHeadersTakingTheLastOfARepeatedHeader() {
        RecordHeaders headers = CloudEventHeaders.of(new CloudEventHeaders.Event(
                "e-3", "/newsroom/user-service", "newsroom.user.registered.v1", TIME, "u-1"));
        headers.add("ce_type", "newsroom.user.followed.v1".getBytes(StandardCharsets.UTF_8));

        assertThat(CloudEventHeaders.id(headers)).isEqualTo("e-3");
        assertThat(CloudEventHeaders.type(headers)).isEqualTo("newsroom.user.followed.v1");
        assertThat(CloudEventHeaders.read(headers, CloudEventHeaders.Attribute.TIME))
                .isEqualTo("2026-12-06T10:15:30.123Z");
        assertThat(CloudEventHeaders.type(new RecordHeaders())).isNull();
    }

    @Test
    void readsAttributesFromABindersMessageHeadersWhetherTheyArriveAsBytesOrText() {
        MessageHeaders headers = new MessageHeaders(
                Map.of("ce_type", "newsroom.sample.v1".getBytes(StandardCharsets.UTF_8), "ce_id", "e-4"));

        assertThat(EventMessages.type(headers)).isEqualTo("newsroom.sample.v1");
        assertThat(EventMessages.id(headers)).isEqualTo("e-4");
        assertThat(EventMessages.attribute(headers, CloudEventHeaders.Attribute.SUBJECT))
                .isNull();
    }

    private static Map<String, String> asText(RecordHeaders headers) {
        Map<String, String> text = new LinkedHashMap<>();
        for (Header header : headers) {
            text.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return text;
    }
}
