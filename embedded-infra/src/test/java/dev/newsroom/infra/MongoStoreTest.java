package dev.newsroom.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.nio.file.Path;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MongoStoreTest {

    @Test
    void durableStoreKeepsDocumentsAcrossARestart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("store.mv");
        int port;
        try (MongoStore store = MongoStore.startDurable(0, file);
                MongoClient client = MongoClients.create(store.uri("newsroom-users"))) {
            port = store.port();
            users(client).insertOne(new Document("_id", "u1").append("username", "ada"));
        }
        try (MongoStore store = MongoStore.startDurable(port, file);
                MongoClient client = MongoClients.create(store.uri("newsroom-users"))) {
            assertThat(users(client).find().first()).containsEntry("username", "ada");
        }
    }

    @Test
    void inMemoryStoreAnswersPingButStartsEmpty() {
        try (MongoStore store = MongoStore.startInMemory();
                MongoClient client = MongoClients.create(store.uri("newsroom-test"))) {
            Document pong = client.getDatabase("newsroom-test").runCommand(new Document("ping", 1));
            assertThat(pong.get("ok")).isIn(1, 1.0);
            assertThat(users(client).countDocuments()).isZero();
        }
    }

    private static MongoCollection<Document> users(MongoClient client) {
        return client.getDatabase("newsroom-users").getCollection("users");
    }
}
