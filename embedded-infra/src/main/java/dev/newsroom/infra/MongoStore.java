package dev.newsroom.infra;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * mongo-java-server: a server speaking the MongoDB wire protocol inside this JVM, so the services run
 * their real MongoDB driver code against it. The oplog is enabled so that change streams work.
 */
public final class MongoStore implements AutoCloseable {

    private final MongoServer server;
    private final MongoBackend backend;
    private final int port;

    private MongoStore(MongoServer server, MongoBackend backend, int port) {
        this.server = server;
        this.backend = backend;
        this.port = port;
    }

    /** An in-memory store on a free port: what the tests use. */
    public static MongoStore startInMemory() {
        return start(new MemoryBackend(), 0);
    }

    /** An in-memory store on a given port (0 for a free one); its data ends with the process. */
    public static MongoStore startInMemoryOn(int port) {
        if (port != 0) {
            Ports.requireFree(port, "MongoDB store");
        }
        return start(new MemoryBackend(), port);
    }

    /**
     * A store keeping its data in {@code file} (an H2 MVStore), so that a restart finds it again.
     *
     * @param port the port, or 0 for a free one
     */
    public static MongoStore startDurable(int port, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (port != 0) {
            Ports.requireFree(port, "MongoDB store");
        }
        return start(new H2Backend(file.toAbsolutePath().toString()), port);
    }

    private static MongoStore start(MongoBackend backend, int requestedPort) {
        MongoServer server = new MongoServer(backend);
        server.enableOplog();
        int port = requestedPort == 0 ? Ports.free() : requestedPort;
        server.bind("127.0.0.1", port);
        return new MongoStore(server, backend, port);
    }

    /** A connection string for {@code database} on this store. */
    public String uri(String database) {
        return "mongodb://127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        server.shutdownNow();
        backend.close();
    }
}
