package dev.newsroom.platform.projection;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/**
 * Makes a service's {@link Projection}s on its own store, so that a service declares what it keeps
 * (collection, record, key, lookup settings) without reaching for the store itself: the store stays
 * behind repositories and this mechanism, as the service skeleton asks.
 */
public final class Projections {

    private final ReactiveMongoTemplate mongo;

    Projections(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** A copy stored in {@code collection} as {@code type}, looked up by {@code key}. */
    public <T extends Projected> Projection<T> of(
            String collection, Class<T> type, String key, ProjectionLookup lookup) {
        return new Projection<>(mongo, collection, type, key, lookup);
    }
}
