package dev.newsroom.infra.junit;

/** A running Kafka broker and MongoDB server that tests connect to. */
public interface Infrastructure extends AutoCloseable {

    String kafkaBootstrapServers();

    /** A connection string for {@code database}. */
    String mongoUri(String database);

    @Override
    void close();
}
