package dev.newsroom.infra.junit;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/** Real {@code mongo} and {@code apache/kafka} containers, for runs on a machine with Docker. */
final class ContainerInfrastructure implements Infrastructure {

    static final String MONGO_IMAGE = "mongo:8.0";
    static final String KAFKA_IMAGE = "apache/kafka:4.1.1";

    private final KafkaContainer kafka;
    private final MongoDBContainer mongo;

    private ContainerInfrastructure(KafkaContainer kafka, MongoDBContainer mongo) {
        this.kafka = kafka;
        this.mongo = mongo;
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static ContainerInfrastructure start() {
        KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
        MongoDBContainer mongo = new MongoDBContainer(MONGO_IMAGE);
        kafka.start();
        mongo.start();
        return new ContainerInfrastructure(kafka, mongo);
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String mongoUri(String database) {
        return mongo.getReplicaSetUrl(database);
    }

    @Override
    public void close() {
        kafka.stop();
        mongo.stop();
    }
}
