package dev.newsroom.trending.activity;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * How an {@link Activity} looks as a document of the {@code activity} collection, and back: field
 * names are one or two letters ({@code t} total, {@code b.<hour>} buckets, {@code cm}/{@code fv}
 * counted comments and favourites, {@code o.<source>} offsets) because a busy article's hour
 * buckets and offsets are rewritten several times a second. Builds documents and write models
 * only; {@link ActivityRepository} alone reads and writes the collection.
 */
final class ActivityDocuments {

    private ActivityDocuments() {}

    static long versionOf(Document doc) {
        long version = 0;
        for (long offset : longs(doc.get("o", Document.class)).values()) {
            version += offset;
        }
        return version;
    }

    static WriteModel<Document> writeOf(Activity activity, Date now) {
        Bson filter = Filters.eq("_id", activity.articleId());
        ActivityChanges changes = activity.changes();
        if (changes.replace()) {
            Document doc = documentOf(activity).append("touched", now);
            return new ReplaceOneModel<>(filter, doc, new ReplaceOptions().upsert(true));
        }
        Document set = new Document("touched", now);
        Document unset = new Document();
        if (changes.meta()) {
            set.append("meta", metaOf(activity.meta())).append("deleted", activity.isDeleted());
        }
        if (changes.total()) {
            set.append("t", countsOf(activity.total()));
        }
        for (Long hour : changes.buckets()) {
            Counts counts = activity.buckets().get(hour);
            put(set, unset, "b." + hour, counts == null ? null : countsOf(counts));
        }
        for (String id : changes.comments()) {
            put(set, unset, "cm." + id, activity.comments().get(id));
        }
        for (String id : changes.favorites()) {
            put(set, unset, "fv." + id, activity.favorites().get(id));
        }
        for (String source : changes.offsets()) {
            set.append("o." + source, activity.offsets().get(source));
        }
        Document update = new Document("$set", set);
        if (!unset.isEmpty()) {
            update.append("$unset", unset);
        }
        return new UpdateOneModel<>(filter, update, new UpdateOptions().upsert(true));
    }

    private static void put(Document set, Document unset, String path, Object value) {
        if (value == null) {
            unset.append(path, "");
        } else {
            set.append(path, value);
        }
    }

    private static Document documentOf(Activity activity) {
        Document buckets = new Document();
        activity.buckets().forEach((hour, counts) -> buckets.append(String.valueOf(hour), countsOf(counts)));
        return new Document("_id", activity.articleId())
                .append("gen", activity.generation())
                .append("meta", metaOf(activity.meta()))
                .append("deleted", activity.isDeleted())
                .append("t", countsOf(activity.total()))
                .append("b", buckets)
                .append("cm", new Document(new HashMap<>(activity.comments())))
                .append("fv", new Document(new HashMap<>(activity.favorites())))
                .append("o", new Document(new HashMap<>(activity.offsets())));
    }

    private static Document metaOf(Activity.Meta meta) {
        if (meta == null) {
            return null;
        }
        return new Document("slug", meta.slug())
                .append("title", meta.title())
                .append("description", meta.description())
                .append("tags", meta.tags())
                .append("authorId", meta.authorId())
                .append("publishedAt", Date.from(meta.publishedAt()))
                .append("updatedAt", meta.updatedAt() == null ? null : Date.from(meta.updatedAt()));
    }

    private static Document countsOf(Counts counts) {
        return new Document("v", counts.views()).append("c", counts.comments()).append("f", counts.favorites());
    }

    static Activity activityOf(Document doc, long generation) {
        return new Activity(
                doc.getString("_id"),
                generation,
                metaFrom(doc.get("meta", Document.class)),
                Boolean.TRUE.equals(doc.getBoolean("deleted")),
                countsFrom(doc.get("t", Document.class)),
                bucketsFrom(doc.get("b", Document.class)),
                longs(doc.get("cm", Document.class)),
                longs(doc.get("fv", Document.class)),
                longs(doc.get("o", Document.class)));
    }

    static Standing standingOf(Document doc) {
        return Standing.of(
                doc.getString("_id"),
                metaFrom(doc.get("meta", Document.class)),
                Boolean.TRUE.equals(doc.getBoolean("deleted")),
                countsFrom(doc.get("t", Document.class)),
                bucketsFrom(doc.get("b", Document.class)));
    }

    private static Activity.Meta metaFrom(Document meta) {
        if (meta == null) {
            return null;
        }
        Date updatedAt = meta.getDate("updatedAt");
        return new Activity.Meta(
                meta.getString("slug"),
                meta.getString("title"),
                meta.getString("description"),
                meta.getList("tags", String.class, List.of()),
                meta.getString("authorId"),
                meta.getDate("publishedAt").toInstant(),
                updatedAt == null ? null : updatedAt.toInstant());
    }

    private static Map<Long, Counts> bucketsFrom(Document buckets) {
        Map<Long, Counts> result = new HashMap<>();
        if (buckets != null) {
            buckets.forEach((hour, counts) -> result.put(Long.parseLong(hour), countsFrom((Document) counts)));
        }
        return result;
    }

    private static Counts countsFrom(Document counts) {
        if (counts == null) {
            return Counts.ZERO;
        }
        return new Counts(number(counts, "v"), number(counts, "c"), number(counts, "f"));
    }

    private static Map<String, Long> longs(Document doc) {
        Map<String, Long> result = new HashMap<>();
        if (doc != null) {
            doc.forEach((key, value) -> result.put(key, ((Number) value).longValue()));
        }
        return result;
    }

    static long number(Document doc, String field) {
        Object value = doc.get(field);
        return value instanceof Number n ? n.longValue() : 0;
    }
}
