package dev.newsroom.platform.outbox;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Writes pending events into an aggregate's {@code outbox} array as part of the update that changes
 * the aggregate, so the change and its events are stored together or not at all:
 *
 * <pre>{@code
 * mongo.updateFirst(query, OutboxEvents.appendTo(new Update().set("bio", bio), event), Account.class)
 *         .doOnSuccess(result -> relay.wakeUp())
 * }</pre>
 *
 * <p>A document that is inserted whole carries its events in its {@code List<OutboxEvent> outbox}
 * property instead. Either way, call {@link OutboxRelay#wakeUp()} once the write succeeded.
 */
public final class OutboxEvents {

    /** The array of pending events in every aggregate document the relay serves. */
    public static final String FIELD = "outbox";

    private OutboxEvents() {}

    /** Adds {@code $push: {outbox: {$each: [events]}}} to {@code update}, keeping the events' order. */
    public static Update appendTo(Update update, OutboxEvent... events) {
        return appendTo(update, Arrays.asList(events));
    }

    /** Adds {@code $push: {outbox: {$each: [events]}}} to {@code update}, keeping the events' order. */
    public static Update appendTo(Update update, List<OutboxEvent> events) {
        // Plain documents rather than the records: the stored shape is then the same whatever
        // converter, entity class or type hints the caller's template happens to use.
        Object[] documents = events.stream().map(OutboxEvents::toDocument).toArray();
        return update.push(FIELD).each(documents);
    }

    static Document toDocument(OutboxEvent event) {
        Document document = new Document("id", event.id())
                .append("type", event.type())
                .append("topic", event.topic())
                .append("key", event.key())
                .append("subject", event.subject())
                .append("time", Date.from(event.time()))
                .append("data", event.data());
        if (event.traceparent() != null) {
            document.append("traceparent", event.traceparent());
        }
        return document;
    }

    static OutboxEvent fromDocument(Document document) {
        return new OutboxEvent(
                document.getString("id"),
                document.getString("type"),
                document.getString("topic"),
                document.getString("key"),
                document.getString("subject"),
                document.getDate("time").toInstant(),
                document.getString("data"),
                document.getString("traceparent"));
    }

    /** The pending events of an aggregate document read without mapping, in the order they were added. */
    static List<OutboxEvent> pendingIn(Document aggregate) {
        List<OutboxEvent> events = new ArrayList<>();
        for (Document event : aggregate.getList(FIELD, Document.class, List.of())) {
            events.add(fromDocument(event));
        }
        return events;
    }
}
