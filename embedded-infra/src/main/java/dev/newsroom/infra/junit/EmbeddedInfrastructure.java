package dev.newsroom.infra.junit;

import dev.newsroom.infra.KafkaBroker;
import dev.newsroom.infra.MongoStore;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The in-JVM broker and store: the default, needing nothing but a JDK. */
final class EmbeddedInfrastructure implements Infrastructure {

    private final KafkaBroker kafka;
    private final MongoStore mongo;

    private EmbeddedInfrastructure(KafkaBroker kafka, MongoStore mongo) {
        this.kafka = kafka;
        this.mongo = mongo;
    }

    static EmbeddedInfrastructure start() {
        MongoStore mongo = MongoStore.startInMemory();
        try {
            return new EmbeddedInfrastructure(KafkaBroker.startTemporary(), mongo);
        } catch (IOException e) {
            mongo.close();
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public String mongoUri(String database) {
        return mongo.uri(database);
    }

    @Override
    public void close() {
        kafka.close();
        mongo.close();
    }
}
