package dev.newsroom.trending.activity;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import com.mongodb.reactivestreams.client.MongoCollection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The repository of the activity aggregate, and the only class that touches its collections: the
 * per-article documents in MongoDB ({@code activity}) and the rebuild generation ({@code
 * control}). One document per article: metadata, hour buckets, totals, counted comments and
 * favourites, and the highest applied offset per input partition.
 *
 * <p>A batch is one unordered bulk write of {@code $set}s of the changed parts, addressed by id
 * only. Writes set absolute values computed from the stored state plus the batch, never
 * increments, so writing the same batch twice (a retry after a failure) stores the same thing.
 * One instance writes an article at a time because one instance owns its partitions; the consumer
 * commits before it gives partitions up in a rebalance. (A revision condition in the filter would
 * also fence a consumer expelled from its group in the middle of a batch, but mongo-java-server
 * answers a filter on more than the id by scanning the whole collection, which made each write
 * cost milliseconds: measured 0.4 s against 2.3 s for 1000 updates.)
 *
 * <p>A document written under an older generation (before a rebuild) counts as absent: it is
 * replaced by the next write and ignored by the rankings. Blocking calls: used from the ingest
 * thread and the rankings refresher, never from an event loop.
 */
@Component
public class ActivityRepository {

    static final String COLLECTION = "activity";
    static final String CONTROL = "control";
    private static final String GENERATION = "generation";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ReactiveMongoTemplate mongo;
    private volatile MongoCollection<Document> activity;
    private volatile MongoCollection<Document> control;

    ActivityRepository(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    private MongoCollection<Document> activity() {
        if (activity == null) {
            activity = mongo.getCollection(COLLECTION).block(TIMEOUT);
            Mono.from(activity.createIndex(Indexes.ascending("touched"), new IndexOptions().name("touched")))
                    .block(TIMEOUT);
        }
        return activity;
    }

    private MongoCollection<Document> control() {
        if (control == null) {
            control = mongo.getCollection(CONTROL).block(TIMEOUT);
        }
        return control;
    }

    /** The current rebuild generation (1 until the first rebuild). */
    public long generation() {
        Document doc =
                Mono.from(control().find(Filters.eq("_id", GENERATION)).first()).block(TIMEOUT);
        return doc == null ? 1 : doc.get("value", Number.class).longValue();
    }

    /** Starts a rebuild: every document written before counts as absent from now on. */
    public long nextGeneration() {
        Document doc = Mono.from(control()
                        .findOneAndUpdate(
                                Filters.eq("_id", GENERATION),
                                Updates.combine(Updates.inc("value", 1L), Updates.set("at", new Date())),
                                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER)))
                .block(TIMEOUT);
        long generation = doc.get("value", Number.class).longValue();
        // The first rebuild starts from generation 1, which never was stored.
        return generation == 1 ? nextGeneration() : generation;
    }

    /** Removes documents of older generations (a best-effort clean-up after a rebuild started). */
    public long dropOlderThan(long generation) {
        var result =
                Mono.from(activity().deleteMany(Filters.lt("gen", generation))).block(TIMEOUT);
        Mono.from(activity().deleteMany(Filters.exists("gen", false))).block(TIMEOUT);
        return result == null ? 0 : result.getDeletedCount();
    }

    /** The articles' current state; an article without a (current) document starts empty. */
    public Map<String, Activity> load(Collection<String> articleIds, long generation) {
        Map<String, Activity> loaded = new HashMap<>();
        if (articleIds.isEmpty()) {
            return loaded;
        }
        List<Document> docs = Flux.from(activity().find(Filters.in("_id", articleIds)))
                .collectList()
                .block(TIMEOUT);
        for (Document doc : docs) {
            String id = doc.getString("_id");
            loaded.put(
                    id,
                    ActivityDocuments.number(doc, "gen") == generation
                            ? ActivityDocuments.activityOf(doc, generation)
                            : Activity.empty(id, generation));
        }
        for (String id : articleIds) {
            loaded.computeIfAbsent(id, missing -> Activity.empty(missing, generation));
        }
        return loaded;
    }

    /** Writes the changes of {@code activities} in one unordered bulk write and marks them saved. */
    public void write(Collection<Activity> activities) {
        write(prepare(activities));
    }

    /**
     * The write that stores the changes of {@code activities}, as documents that no longer refer to
     * them (so the bulk write may run on another thread while the next batch changes them), and
     * marks them saved.
     */
    public PreparedWrite prepare(Collection<Activity> activities) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        Date now = new Date();
        for (Activity activity : activities) {
            if (!activity.changes().isEmpty()) {
                writes.add(ActivityDocuments.writeOf(activity, now));
                activity.saved();
            }
        }
        return new PreparedWrite(writes);
    }

    /** The changes of some articles, ready to be written by {@link #write(PreparedWrite)}. */
    public static final class PreparedWrite {

        private final List<WriteModel<Document>> writes;

        private PreparedWrite(List<WriteModel<Document>> writes) {
            this.writes = writes;
        }

        /** How many articles it writes. */
        public int size() {
            return writes.size();
        }
    }

    /**
     * One unordered bulk write. Documents are stamped {@code touched} now, when the write starts,
     * rather than when the batch was decoded, so the rankings' re-read (which looks back a few
     * seconds from its own start) does not miss a write that waited for the previous one.
     */
    public void write(PreparedWrite prepared) {
        List<WriteModel<Document>> writes = prepared.writes;
        Date now = new Date();
        for (WriteModel<Document> write : writes) {
            if (write instanceof ReplaceOneModel<Document> replace) {
                replace.getReplacement().put("touched", now);
            } else if (write instanceof UpdateOneModel<Document> update && update.getUpdate() instanceof Document doc) {
                doc.get("$set", Document.class).put("touched", now);
            }
        }
        if (!writes.isEmpty()) {
            Mono.from(activity().bulkWrite(writes, new BulkWriteOptions().ordered(false)))
                    .block(TIMEOUT);
        }
    }

    /**
     * The standings of articles written at or after {@code since} (all of them for null), with
     * their generation and version: the rankings read only what they need, not the counted ids.
     */
    public List<VersionedStanding> standingsSince(Instant since) {
        Bson filter = since == null ? new Document() : Filters.gte("touched", Date.from(since));
        return Flux.from(activity().find(filter).projection(Projections.exclude("cm", "fv")))
                .map(doc -> new VersionedStanding(
                        ActivityDocuments.number(doc, "gen"),
                        ActivityDocuments.versionOf(doc),
                        ActivityDocuments.standingOf(doc)))
                .collectList()
                .block(TIMEOUT);
    }
}
