package dev.newsroom.platform.projection;

import java.util.function.Predicate;
import java.util.regex.Pattern;
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

    /**
     * The shape of every slug article-service makes: lower-case ASCII words and digits joined by
     * hyphens, always ending in a hyphen and a random suffix (article-service's {@code SlugsTest}
     * holds it to this). A consumer waits for a slug it has not seen yet only if it has this shape.
     */
    public static final Pattern ARTICLE_SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)+");

    /**
     * A copy of {@code newsroom.articles.v1}'s articles, stored in {@code collection} as {@code type}
     * and looked up by slug; a request waits for an unknown slug only if article-service could have
     * just made it ({@link #ARTICLE_SLUG}).
     */
    public <T extends Projected> Projection<T> ofArticles(String collection, Class<T> type, ProjectionLookup lookup) {
        return new Projection<>(
                mongo,
                collection,
                type,
                "slug",
                lookup,
                slug -> ARTICLE_SLUG.matcher(slug).matches());
    }

    /** A copy stored in {@code collection} as {@code type}, looked up by {@code key}. */
    public <T extends Projected> Projection<T> of(
            String collection, Class<T> type, String key, ProjectionLookup lookup) {
        return new Projection<>(mongo, collection, type, key, lookup);
    }

    /**
     * A copy stored in {@code collection} as {@code type}, looked up by {@code key}; a request waits
     * for a key not seen yet only if {@code mayAppear} says the owner could have just made it (see
     * {@link Projection#live}).
     */
    public <T extends Projected> Projection<T> of(
            String collection, Class<T> type, String key, ProjectionLookup lookup, Predicate<String> mayAppear) {
        return new Projection<>(mongo, collection, type, key, lookup, mayAppear);
    }
}
