package dev.newsroom.platform.messaging;

import java.nio.charset.StandardCharsets;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reading the data of the events a service consumes, as its outbox relays write them: JSON, with
 * the CloudEvents attributes in headers read by {@link CloudEventHeaders}. What cannot be read however often it is
 * tried is an {@link UnreadableEvent}: the binder retries it a few times and then sends it to the
 * dead-letter topic, and the partition moves on.
 */
public final class EventMessages {

    private EventMessages() {}

    /** The event's CloudEvents type from the headers a binder hands a listener, or null. */
    public static String type(MessageHeaders headers) {
        return attribute(headers, CloudEventHeaders.Attribute.TYPE);
    }

    /** The event's CloudEvents id from the headers a binder hands a listener, or null. */
    public static String id(MessageHeaders headers) {
        return attribute(headers, CloudEventHeaders.Attribute.ID);
    }

    /** An attribute from a binder's message headers (Kafka header values arrive there as bytes), or null. */
    public static String attribute(MessageHeaders headers, CloudEventHeaders.Attribute attribute) {
        Object value = headers.get(attribute.header());
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value == null ? null : value.toString();
    }

    /** The event's data as {@code type}. */
    public static <T> T data(JsonMapper json, Message<byte[]> message, Class<T> type) {
        try {
            return required(json.readValue(message.getPayload(), type), "event data");
        } catch (JacksonException unreadable) {
            throw new UnreadableEvent(
                    "not valid " + type.getSimpleName() + " JSON: " + unreadable.getOriginalMessage());
        }
    }

    /** {@code value}, which must be there (and, for text, not blank). */
    public static <T> T required(T value, String name) {
        if (value == null || value instanceof String text && text.isBlank()) {
            throw new UnreadableEvent("missing " + name);
        }
        return value;
    }

    /** {@code value}, which must be there; empty text is a value. */
    public static <T> T present(T value, String name) {
        if (value == null) {
            throw new UnreadableEvent("missing " + name);
        }
        return value;
    }

    /** An event a consumer cannot apply however often it tries: a dead letter. */
    public static final class UnreadableEvent extends IllegalArgumentException {

        public UnreadableEvent(String message) {
            super(message);
        }
    }
}
