package dev.newsroom.platform.health;

import com.mongodb.reactivestreams.client.MongoDatabase;
import java.time.Duration;
import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Mono;

/**
 * Reports whether the service's own MongoDB database answers a {@code ping}.
 *
 * <p>Boot's indicator sends {@code hello}, which the embedded mongo-java-server does not know, so
 * every service would report DOWN on the local suite. {@code ping} is answered by both the embedded
 * store and a real MongoDB, and it runs against the service's own database rather than {@code
 * admin}, which is the one the service is actually allowed to use.
 */
public class MongoPingHealthIndicator extends AbstractReactiveHealthIndicator {

    private final ReactiveMongoTemplate mongo;
    private final Duration timeout;

    public MongoPingHealthIndicator(ReactiveMongoTemplate mongo, Duration timeout) {
        super("MongoDB health check failed");
        this.mongo = mongo;
        this.timeout = timeout;
    }

    @Override
    protected Mono<Health> doHealthCheck(Health.Builder builder) {
        return mongo.getMongoDatabase()
                .flatMap(database -> ping(database)
                        .map(reply -> builder.up()
                                .withDetail("database", database.getName())
                                .build()))
                .timeout(timeout);
    }

    private static Mono<Document> ping(MongoDatabase database) {
        return Mono.from(database.runCommand(new Document("ping", 1)));
    }
}
