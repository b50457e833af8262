package dev.newsroom.platform.outbox;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The relay's reads and writes of the documents that carry pending events: finding them, claiming
 * one with a short lease ({@value #LEASE_FIELD}) so that other instances of the service leave it
 * alone meanwhile, removing each event once the broker has it, and releasing the lease. Every
 * operation is bounded by the delivery timeout.
 */
final class OutboxDocuments {

    static final String LEASE_FIELD = "outboxLeaseUntil";

    private static final String PENDING = OutboxEvents.FIELD + ".0";

    private final ReactiveMongoTemplate mongo;
    private final int batchSize;
    private final Duration timeout;

    OutboxDocuments(ReactiveMongoTemplate mongo, int batchSize, Duration timeout) {
        this.mongo = mongo;
        this.batchSize = batchSize;
        this.timeout = timeout;
    }

    /**
     * The ids of up to a batch of documents with pending events and no lease live at {@code now},
     * except the {@code resting} ones.
     */
    Flux<Object> pendingIds(String collection, Instant now, Collection<Object> resting) {
        Bson pending = Filters.and(Filters.exists(PENDING), leaseFree(Date.from(now)), Filters.nin("_id", resting));
        return mongo.getCollection(collection)
                .flatMapMany(documents -> Flux.from(documents
                                .find(pending)
                                .projection(Projections.include("_id"))
                                .limit(batchSize))
                        .timeout(timeout))
                .map(document -> document.get("_id"));
    }

    /**
     * The document with its lease set to {@code leaseUntil}, or empty if another instance holds it
     * or it has no event left.
     */
    Mono<Document> claim(String collection, Object id, Date leaseUntil) {
        Bson claimable = Filters.and(Filters.eq("_id", id), Filters.exists(PENDING), leaseFree(new Date()));
        FindOneAndUpdateOptions returnClaimed = new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER);
        return mongo.getCollection(collection)
                .flatMap(documents -> Mono.from(
                        documents.findOneAndUpdate(claimable, Updates.set(LEASE_FIELD, leaseUntil), returnClaimed)))
                .timeout(timeout);
    }

    /** Removes a published event from its document's outbox. */
    Mono<Void> remove(String collection, Object id, OutboxEvent event) {
        Bson pull = Updates.pull(OutboxEvents.FIELD, new Document("id", event.id()));
        return mongo.getCollection(collection)
                .flatMap(documents -> Mono.from(documents.updateOne(Filters.eq("_id", id), pull)))
                .timeout(timeout)
                .then();
    }

    /** Ends this instance's lease, unless another one took the document since; never fails. */
    Mono<Void> release(String collection, Object id, Date leaseUntil) {
        Bson ours = Filters.and(Filters.eq("_id", id), Filters.eq(LEASE_FIELD, leaseUntil));
        return mongo.getCollection(collection)
                .flatMap(documents -> Mono.from(documents.updateOne(ours, Updates.unset(LEASE_FIELD))))
                .timeout(timeout)
                .then()
                // An unreleased lease only delays this document until it runs out.
                .onErrorResume(error -> Mono.empty());
    }

    private static Bson leaseFree(Date now) {
        return Filters.or(Filters.exists(LEASE_FIELD, false), Filters.lt(LEASE_FIELD, now));
    }
}
