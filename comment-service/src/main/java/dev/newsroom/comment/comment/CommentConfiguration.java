package dev.newsroom.comment.comment;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import dev.newsroom.comment.CommentServiceProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.bson.Document;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Mono;

@Configuration(proxyBeanMethods = false)
class CommentConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    CommentIds commentIds(ReactiveMongoTemplate mongo, CommentServiceProperties properties) {
        return new CommentIds(mongo, properties.idBlockSize());
    }

    @Bean
    FloodControl floodControl(ReactiveMongoTemplate mongo, CommentServiceProperties properties, Clock clock) {
        return new FloodControl(mongo, properties.perMinute(), clock);
    }

    /**
     * An article's comments are listed (and paged) in thread order, which is path order; the same
     * index serves the counts by article. The moderators' queue reads held comments oldest first, and
     * the repeat check an author's comments by text. Flood-control counters expire on their own.
     */
    @Bean
    SmartInitializingSingleton commentIndexes(ReactiveMongoTemplate mongo) {
        return () -> {
            mongo.indexOps(Comment.class)
                    .createIndex(new Index()
                            .on("articleId", Sort.Direction.ASC)
                            .on("path", Sort.Direction.ASC)
                            .named("articleId_path"))
                    .block();
            mongo.indexOps(FloodControl.COLLECTION)
                    .createIndex(new Index("expiresAt", Sort.Direction.ASC)
                            .named("expiresAt")
                            .expire(Duration.ZERO))
                    .block();
            mongo.indexOps(Comment.class)
                    .createIndex(new Index()
                            .on("status", Sort.Direction.ASC)
                            .on("createdAt", Sort.Direction.ASC)
                            .named("status_createdAt"))
                    .block();
            mongo.indexOps(Comment.class)
                    .createIndex(new Index()
                            .on("authorId", Sort.Direction.ASC)
                            .on("fingerprint", Sort.Direction.ASC)
                            .named("authorId_fingerprint"))
                    .block();
            backfillPaths(mongo).block();
            backfillStatus(mongo).block();
        };
    }

    /**
     * Comments stored before threads existed have no {@code path}, which thread order and paging
     * need; they were all top level. Done once at start-up, conditionally per document, so instances
     * starting together do not disturb each other; afterwards it finds nothing.
     */
    static Mono<Long> backfillPaths(ReactiveMongoTemplate mongo) {
        Query withoutPath = new Query(where("path").exists(false));
        withoutPath.fields().include("_id").include("createdAt");
        return mongo.find(withoutPath, Document.class, Comment.COLLECTION)
                .flatMap(CommentConfiguration.withPath(mongo), 8)
                .count();
    }

    /**
     * Comments stored before moderation existed have no {@code status}; they were all published.
     * Queries match on the status, so it is written once at start-up (a conditional multi-update:
     * harmless when instances do it together, a no-op afterwards).
     */
    static Mono<Long> backfillStatus(ReactiveMongoTemplate mongo) {
        return mongo.updateMulti(
                        new Query(where("status").exists(false)),
                        new Update().set("status", CommentStatus.PUBLISHED.name()),
                        Comment.COLLECTION)
                .map(result -> result.getModifiedCount());
    }

    private static Function<Document, Mono<?>> withPath(ReactiveMongoTemplate mongo) {
        return legacy -> {
            long id = ((Number) legacy.get("_id")).longValue();
            Instant createdAt = legacy.getDate("createdAt").toInstant();
            return mongo.updateFirst(
                    new Query(where("_id").is(id).and("path").exists(false)),
                    new Update().set("path", Threads.path(null, createdAt, id)).set("depth", 0),
                    Comment.COLLECTION);
        };
    }
}
