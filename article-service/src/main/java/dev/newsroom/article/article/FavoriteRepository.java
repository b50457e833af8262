package dev.newsroom.article.article;

import java.util.Collection;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code favorites} collection: one document per article and user, whose id is the pair, so a
 * user cannot favourite an article twice.
 */
@Repository
class FavoriteRepository implements SmartInitializingSingleton {

    private final ReactiveMongoTemplate mongo;

    FavoriteRepository(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** For "favourited by" lists and for removing a deleted article's favourites; before the first request. */
    @Override
    public void afterSingletonsInstantiated() {
        var favorites = mongo.indexOps(Favorite.class);
        Flux.concat(
                        favorites.createIndex(new Index("userId", Sort.Direction.ASC).named("byUser")),
                        favorites.createIndex(new Index("articleId", Sort.Direction.ASC).named("byArticle")))
                .blockLast();
    }

    /** Stores {@code favorite}: true, or false when the user had favourited the article already. */
    Mono<Boolean> insert(Favorite favorite) {
        return mongo.insert(favorite)
                .thenReturn(true)
                .onErrorResume(DuplicateKeyException.class, already -> Mono.just(false));
    }

    /** Removes the user's favourite of the article: true, or false when there was none. */
    Mono<Boolean> remove(String articleId, String userId) {
        return mongo.remove(new Query(Criteria.where("_id").is(Favorite.idOf(articleId, userId))), Favorite.class)
                .map(removed -> removed.getDeletedCount() > 0);
    }

    Mono<Void> removeAllOf(String articleId) {
        return mongo.remove(new Query(Criteria.where("articleId").is(articleId)), Favorite.class)
                .then();
    }

    /** The ids of the articles {@code userId} favourited. */
    Flux<String> articleIdsFavoritedBy(String userId) {
        return mongo.find(new Query(Criteria.where("userId").is(userId)), Favorite.class)
                .map(Favorite::articleId);
    }

    /** Which of {@code articleIds} {@code userId} favourited: one query for a whole page. */
    Flux<String> favoritedAmong(String userId, Collection<String> articleIds) {
        var ids = articleIds.stream()
                .map(articleId -> Favorite.idOf(articleId, userId))
                .toList();
        return mongo.find(new Query(Criteria.where("_id").in(ids)), Favorite.class)
                .map(Favorite::articleId);
    }
}
