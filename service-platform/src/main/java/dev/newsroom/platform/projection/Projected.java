package dev.newsroom.platform.projection;

import java.time.Instant;

/**
 * A service's record of another service's aggregate, as a {@link Projection} keeps it. The record
 * declares only the fields the service reads (tolerant reader), plus these four, which the
 * projection writes itself to apply events idempotently and in order.
 */
public interface Projected {

    /** The stored field names of the projection's own bookkeeping; a service's fields use others. */
    String ID = "_id", DELETED = "deleted", CHANGED_AT = "changedAt", LAST_EVENT_ID = "lastEventId";

    /** The aggregate's immutable id. */
    String id();

    /** Whether the aggregate was deleted: the record is then a tombstone and stays one. */
    boolean deleted();

    /** The time of the last event applied (its aggregate's update or deletion time). */
    Instant changedAt();

    /** The {@code ce_id} of the last event applied. */
    String lastEventId();
}
