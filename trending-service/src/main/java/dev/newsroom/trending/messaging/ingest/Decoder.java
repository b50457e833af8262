package dev.newsroom.trending.messaging.ingest;

import dev.newsroom.platform.messaging.CloudEventHeaders;
import dev.newsroom.trending.activity.Activity;
import dev.newsroom.trending.activity.ActivityOp;
import dev.newsroom.trending.activity.Hours;
import dev.newsroom.trending.activity.RecentViews;
import dev.newsroom.trending.messaging.ingest.InputEvents.ArticleChanged;
import dev.newsroom.trending.messaging.ingest.InputEvents.ArticleFavorited;
import dev.newsroom.trending.messaging.ingest.InputEvents.ArticleRemoved;
import dev.newsroom.trending.messaging.ingest.InputEvents.ArticleUnfavorited;
import dev.newsroom.trending.messaging.ingest.InputEvents.ArticleViewed;
import dev.newsroom.trending.messaging.ingest.InputEvents.CommentDeleted;
import dev.newsroom.trending.messaging.ingest.InputEvents.CommentModerated;
import dev.newsroom.trending.messaging.ingest.InputEvents.CommentPosted;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns an input record into an {@link ActivityOp}: dispatches on the CloudEvents type (read by
 * {@link CloudEventHeaders}), ignores types it does not know, and refuses, as a {@link PoisonEvent}, a
 * record of a known type it can never apply (not JSON, a required field missing, an id that cannot
 * be a document key).
 */
final class Decoder {

    /** Comment and user ids become field names in the article document: no dots, no dollar signs. */
    private static final int KEY_LENGTH = 64;

    private final JsonMapper json;

    Decoder(JsonMapper json) {
        this.json = json;
    }

    /** The input partition as the article documents name it: {@code v0}, {@code c2}, {@code a1}, … */
    static String sourceOf(TopicPartition partition) {
        String prefix = switch (partition.topic()) {
            case InputEvents.VIEWS_TOPIC -> "v";
            case InputEvents.COMMENTS_TOPIC -> "c";
            default -> "a";
        };
        return prefix + partition.partition();
    }

    /** The op of a record, or null when it changes nothing here. */
    ActivityOp decode(ConsumerRecord<String, byte[]> record, String source, RecentViews recentViews) {
        String type = CloudEventHeaders.type(record.headers());
        if (type == null) {
            return null;
        }
        long offset = record.offset();
        return switch (type) {
            case InputEvents.VIEWED -> {
                ArticleViewed event = readView(record);
                String articleId = id(event.articleId(), "articleId");
                String viewer = required(event.viewerKey(), "viewerKey");
                Instant at = required(event.viewedAt(), "viewedAt");
                boolean counted = recentViews.counts(articleId, viewer, at.toEpochMilli());
                yield new ActivityOp.View(articleId, source, offset, counted, Hours.of(at));
            }
            case InputEvents.PUBLISHED, InputEvents.UPDATED -> {
                ArticleChanged event = read(record, ArticleChanged.class);
                Activity.Meta meta = new Activity.Meta(
                        required(event.slug(), "slug"),
                        required(event.title(), "title"),
                        event.description() == null ? "" : event.description(),
                        event.tagList() == null ? List.of() : event.tagList(),
                        event.authorId(),
                        required(event.createdAt(), "createdAt"),
                        event.updatedAt());
                yield new ActivityOp.Described(id(event.articleId(), "articleId"), source, offset, meta);
            }
            case InputEvents.DELETED, InputEvents.WITHDRAWN -> {
                // A withdrawn story is never published again: to the rankings it is deleted, for good.
                ArticleRemoved event = read(record, ArticleRemoved.class);
                yield new ActivityOp.Deleted(id(event.articleId(), "articleId"), source, offset);
            }
            case InputEvents.FAVORITED -> {
                ArticleFavorited event = read(record, ArticleFavorited.class);
                yield new ActivityOp.Favorited(
                        id(event.articleId(), "articleId"),
                        source,
                        offset,
                        id(event.userId(), "userId"),
                        Hours.of(required(event.favoritedAt(), "favoritedAt")));
            }
            case InputEvents.UNFAVORITED -> {
                ArticleUnfavorited event = read(record, ArticleUnfavorited.class);
                yield new ActivityOp.Unfavorited(
                        id(event.articleId(), "articleId"), source, offset, id(event.userId(), "userId"));
            }
            case InputEvents.COMMENT_POSTED -> commentPosted(read(record, CommentPosted.class), source, offset);
            case InputEvents.COMMENT_MODERATED ->
                commentModerated(read(record, CommentModerated.class), source, offset);
            case InputEvents.COMMENT_DELETED -> {
                CommentDeleted event = read(record, CommentDeleted.class);
                yield new ActivityOp.CommentHidden(
                        id(event.articleId(), "articleId"),
                        source,
                        offset,
                        id(event.commentId(), "commentId"),
                        event.createdAt() == null ? null : Hours.of(event.createdAt()),
                        // Older producers sent no wasPublished, and then every comment was published.
                        event.wasPublished() == null || event.wasPublished());
            }
            default -> null;
        };
    }

    private ActivityOp commentPosted(CommentPosted event, String source, long offset) {
        String articleId = id(event.articleId(), "articleId");
        String commentId = id(event.commentId(), "commentId");
        Instant createdAt = required(event.createdAt(), "createdAt");
        if (event.status() != null && !"published".equals(event.status())) {
            return null; // held: it counts once a moderator approves it
        }
        return new ActivityOp.CommentShown(articleId, source, offset, commentId, Hours.of(createdAt), false);
    }

    private ActivityOp commentModerated(CommentModerated event, String source, long offset) {
        String articleId = id(event.articleId(), "articleId");
        String commentId = id(event.commentId(), "commentId");
        boolean wasVisible = "published".equals(event.previousStatus());
        String decision = required(event.decision(), "decision");
        return switch (decision) {
            case "approved" ->
                new ActivityOp.CommentShown(
                        articleId,
                        source,
                        offset,
                        commentId,
                        Hours.of(required(event.createdAt(), "createdAt")),
                        wasVisible);
            case "rejected", "held" ->
                new ActivityOp.CommentHidden(
                        articleId,
                        source,
                        offset,
                        commentId,
                        event.createdAt() == null ? null : Hours.of(event.createdAt()),
                        wasVisible);
            default -> null;
        };
    }

    /**
     * Views are most of the input (tens of thousands a second), so they are read with the streaming
     * parser rather than bound to a record by reflection: three fields, unknown ones skipped.
     */
    private ArticleViewed readView(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            throw new PoisonEvent("no event data");
        }
        String articleId = null;
        String viewerKey = null;
        Instant viewedAt = null;
        try (JsonParser parser = json.createParser(record.value())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new PoisonEvent("not valid ArticleViewed JSON: not an object");
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "articleId" -> articleId = text(parser, value, field);
                    case "viewerKey" -> viewerKey = text(parser, value, field);
                    case "viewedAt" -> viewedAt = instant(text(parser, value, field));
                    default -> parser.skipChildren();
                }
            }
        } catch (JacksonException unreadable) {
            throw new PoisonEvent("not valid ArticleViewed JSON: " + unreadable.getOriginalMessage());
        }
        return new ArticleViewed(articleId, viewerKey, viewedAt);
    }

    private static String text(JsonParser parser, JsonToken token, String field) {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_STRING) {
            throw new PoisonEvent(field + " is not a string");
        }
        return parser.getString();
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return TimestampParser.parse(text);
        } catch (DateTimeParseException unreadable) {
            throw new PoisonEvent("viewedAt is not a date-time: " + text);
        }
    }

    private <T> T read(ConsumerRecord<String, byte[]> record, Class<T> type) {
        if (record.value() == null) {
            throw new PoisonEvent("no event data");
        }
        try {
            return required(json.readValue(record.value(), type), "event data");
        } catch (JacksonException unreadable) {
            throw new PoisonEvent("not valid " + type.getSimpleName() + " JSON: " + unreadable.getOriginalMessage());
        }
    }

    private static String id(String value, String name) {
        required(value, name);
        if (!isKey(value)) {
            throw new PoisonEvent(name + " is not an id: " + value);
        }
        return value;
    }

    /**
     * {@code [A-Za-z0-9_-]{1,64}}, checked by hand: it runs for every id of every event, and the
     * regular expression's bounded repetition took a quarter of the ingest thread (measured with JFR
     * at 20 000 views/s).
     */
    static boolean isKey(String value) {
        int length = value.length();
        if (length == 0 || length > KEY_LENGTH) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            boolean allowed =
                    (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    private static <T> T required(T value, String name) {
        if (value == null || value instanceof String text && text.isBlank()) {
            throw new PoisonEvent("missing " + name);
        }
        return value;
    }

    /** A record this service can never apply, however often it tries: a dead letter. */
    static final class PoisonEvent extends IllegalArgumentException {

        PoisonEvent(String message) {
            super(message);
        }
    }
}
