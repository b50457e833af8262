package dev.newsroom.platform.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import dev.newsroom.infra.MongoStore;
import dev.newsroom.infra.Ports;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

class MongoPingHealthIndicatorTest {

    @Test
    void embeddedStoreIsReportedUpWithTheServicesDatabase() {
        try (MongoStore store = MongoStore.startInMemory();
                MongoClient client = MongoClients.create(store.uri("newsroom-articles"))) {
            Health health = indicator(client, "newsroom-articles").health().block();

            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("database", "newsroom-articles");
        }
    }

    @Test
    void unreachableStoreIsReportedDownWithinTheTimeout() {
        String nobodyListens = "mongodb://127.0.0.1:" + Ports.free() + "/?serverSelectionTimeoutMS=5000";
        try (MongoClient client = MongoClients.create(nobodyListens)) {
            Health health = indicator(client, "newsroom-articles").health().block(Duration.ofSeconds(5));

            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        }
    }

    private static MongoPingHealthIndicator indicator(MongoClient client, String database) {
        return new MongoPingHealthIndicator(new ReactiveMongoTemplate(client, database), Duration.ofSeconds(3));
    }
}
